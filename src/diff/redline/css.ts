/**
 * The redline page's style sheet: inline, as the page loads nothing.
 */
export const redlineCss = `:root{--ink:#1a1a1a;--muted:#4a4a4a;--rule:#8c8c8c;--ins:#e6f4ea;--ins-ink:#0b5a26;--del:#fbe9e9;--del-ink:#8b1a1a;--accent:#1c3f6e}
html{color:var(--ink);background:#fff;font-family:Georgia,'Times New Roman',serif;line-height:1.5}
body{margin:0 auto;max-width:46rem;padding:1rem 1.25rem 3rem}
h1,h2,h3{font-family:'Helvetica Neue',Arial,sans-serif;line-height:1.2}
h1{font-size:1.8rem}h2{font-size:1.4rem;margin-top:2.5rem}h3{font-size:1.2rem;margin:0}
a{color:var(--accent)}
code{font-size:.9em}
ins{background:var(--ins);color:var(--ins-ink);text-decoration:underline;text-decoration-thickness:2px}
del{background:var(--del);color:var(--del-ink);text-decoration:line-through;text-decoration-thickness:2px}
ins.block,del.block{display:block;padding:0 .5rem;border-left:4px solid currentColor}
del.block{text-decoration:none}
del.block *{text-decoration:line-through}
/* Screen readers do not announce <ins> and <del>; say where each change starts and ends. */
ins::before,ins::after,del::before,del::after{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(100%);white-space:nowrap}
ins::before{content:" [insertion start] "}ins::after{content:" [insertion end] "}
del::before{content:" [deletion start] "}del::after{content:" [deletion end] "}
.legend,.meta,.summary{font-family:'Helvetica Neue',Arial,sans-serif;color:var(--muted)}
.summary{font-size:1.1rem;color:var(--ink)}
.alert{border:3px solid var(--del-ink);padding:0 1rem 1rem;margin:1.5rem 0}
.alert h2{color:var(--del-ink);margin-top:1rem;text-transform:uppercase;letter-spacing:.05em}
table{border-collapse:collapse;width:100%;font-family:'Helvetica Neue',Arial,sans-serif;font-size:.95rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--rule);vertical-align:top}
.priority{margin:2rem 0;border-top:1px solid var(--rule);padding-top:.75rem}
.priority p.meta{margin:.25rem 0}
.status{display:inline-flex;gap:.35em;font-family:'Helvetica Neue',Arial,sans-serif;font-weight:600;font-size:.9em;white-space:nowrap;padding:.05em .5em .1em;border:1.5px solid var(--status-color,var(--ink));border-radius:3px}
.status__symbol{color:var(--status-color,var(--ink))}
blockquote{margin:1em 0;padding-left:1em;border-left:3px solid var(--rule)}
.stated figcaption{font-family:'Helvetica Neue',Arial,sans-serif;font-size:.85rem;color:var(--muted)}
.cite{font-family:'Helvetica Neue',Arial,sans-serif;font-size:.75em;color:var(--muted)}
.cites{font-family:'Helvetica Neue',Arial,sans-serif;font-size:.9rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(100%);white-space:nowrap}`
