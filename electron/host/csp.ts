// The page's Content-Security-Policy, the one definition: `wxdesk serve` and the desktop's wxdesk://
// scheme send it as a header, and the build writes it into index.html as a <meta> tag.

const DIRECTIVES: [string, string][] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

/** Our own scripts and styles only, no inline script, no framing, no form posts. */
export const CSP = DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/** The same policy as a <meta> tag can carry it: browsers ignore frame-ancestors there (the header carries it). */
export const META_CSP = DIRECTIVES.filter(([k]) => k !== 'frame-ancestors')
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');
