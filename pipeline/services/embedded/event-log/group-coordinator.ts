/**
 * Consumer-group membership and partition assignment for the embedded log. Every join or leave starts a new
 * generation and reassigns partitions round-robin over the members in join order, as Kafka's eager
 * rebalance protocol does: a member learns of a new generation on its next poll and must not commit offsets
 * for partitions it no longer owns.
 */
export interface GroupMember {
  memberId: string;
  topics: string[];
}

interface GroupState {
  generation: number;
  members: GroupMember[];
  /** memberId → topic → partitions */
  assignment: Map<string, Map<string, number[]>>;
}

export class GroupCoordinator {
  private readonly groups = new Map<string, GroupState>();

  constructor(private readonly partitionsOf: (topic: string) => number) {}

  join(groupId: string, member: GroupMember): void {
    const state = this.groups.get(groupId) ?? { generation: 0, members: [], assignment: new Map() };
    state.members = [...state.members.filter((existing) => existing.memberId !== member.memberId), member];
    this.groups.set(groupId, state);
    this.rebalance(state);
  }

  leave(groupId: string, memberId: string): void {
    const state = this.groups.get(groupId);
    if (!state) return;
    state.members = state.members.filter((member) => member.memberId !== memberId);
    this.rebalance(state);
  }

  generation(groupId: string): number {
    return this.groups.get(groupId)?.generation ?? 0;
  }

  assignment(groupId: string, memberId: string): Map<string, number[]> {
    return this.groups.get(groupId)?.assignment.get(memberId) ?? new Map();
  }

  owns(groupId: string, memberId: string, topic: string, partition: number): boolean {
    return this.assignment(groupId, memberId).get(topic)?.includes(partition) ?? false;
  }

  members(groupId: string): string[] {
    return this.groups.get(groupId)?.members.map((member) => member.memberId) ?? [];
  }

  private rebalance(state: GroupState): void {
    state.generation++;
    state.assignment = new Map(state.members.map((member) => [member.memberId, new Map<string, number[]>()]));
    const topics = [...new Set(state.members.flatMap((member) => member.topics))].sort();
    for (const topic of topics) {
      const subscribers = state.members.filter((member) => member.topics.includes(topic));
      const partitions = this.partitionsOf(topic);
      for (let partition = 0; partition < partitions; partition++) {
        const owner = subscribers[partition % subscribers.length]!;
        const byTopic = state.assignment.get(owner.memberId)!;
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
      }
    }
  }
}
