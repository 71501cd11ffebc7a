// Monaco's editor worker (diffing, word-based helpers), bundled by Next and served from this origin: no CDN.
import 'monaco-editor/editor/editor.worker.js';
