/* Notes under the search box: "Showing results for magnesium" when the search worker
 * (assets/search/worker.js) corrected a misspelt word, and, when nothing is found, links to
 * the list of topics and to the page on when to get help, so a search never ends at nothing.
 * The worker sends its notes on the "site-search" channel; the empty state is read from the
 * result list itself, so it also shows where that channel is not available. */
(() => {
  const input = document.querySelector("input.md-search__input")
  const meta = document.querySelector(".md-search-result__meta")
  const list = document.querySelector(".md-search-result__list")
  if (!input || !meta || !list) return
  const base = new URL(JSON.parse(document.getElementById("__config").textContent).base, location.href)
  // The site's words and pages (hooks/strings/ and mkdocs.yml's extra, in the page as JSON).
  const site = JSON.parse(document.getElementById("site-strings")?.textContent || "{}")
  const WORDS = site.text || {}
  const say = (key, values = {}) => (WORDS[key] ?? key).split(/(\{\w+\})/).map(part =>
    /^\{\w+\}$/.test(part) ? values[part.slice(1, -1)] ?? "" : part)

  const note = document.createElement("div")
  note.className = "search-note"
  note.setAttribute("role", "status")
  meta.after(note)

  let corrected = null  // { query, words } from the worker, for the query it answered
  function link(path, text) {
    const a = document.createElement("a")
    a.href = new URL(path, base).href
    a.textContent = text
    return a
  }
  function render() {
    const query = input.value.trim()
    note.replaceChildren()
    if (!query) return
    if (corrected && corrected.query.trim() === query) {
      const strong = document.createElement("strong")
      strong.textContent = corrected.words
      note.append(...say("search_corrected", { words: strong }))
    }
    if (!list.children.length && /\S/.test(query) && !/…|\.\.\./.test(meta.textContent)) {
      const help = document.createElement("p")
      help.append(...say("search_nothing", { topics: link(site.topics || "./", say("search_topics")),
                                             help: link(site.help || "./", say("search_help")) }))
      note.append(help)
    }
  }

  try {
    new BroadcastChannel("site-search").addEventListener("message", ({ data }) => {
      corrected = data && data.corrected ? { query: data.query, words: data.corrected } : null
      render()
    })
  } catch (error) { /* no channel (a page opened from disk): the empty-result help still shows */ }
  new MutationObserver(render).observe(list, { childList: true })
  new MutationObserver(render).observe(meta, { childList: true, characterData: true, subtree: true })
  input.addEventListener("input", () => { if (!input.value.trim()) render() })
})()
