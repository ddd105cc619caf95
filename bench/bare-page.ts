// The bare side of the page section: the least a React 19 page can be. It renders one line, the
// text after '#' in its URL (the runner picks it, as the dashboard's URL carries its key there).
// Bundled and minified by scripts/bench.mjs; served by bare-server.mjs --static.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

// The bench's tsconfig has no DOM library: only what this page touches, typed here.
const page = globalThis as unknown as { document: { getElementById(id: string): unknown }; location: { hash: string } };
const root = page.document.getElementById('root') as Parameters<typeof createRoot>[0];
createRoot(root).render(createElement('p', null, decodeURIComponent(page.location.hash.slice(1))));
