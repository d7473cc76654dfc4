/* Search worker: the same messages as Material's own worker (SETUP, READY, QUERY, RESULT), so
 * Material's search dialog, keyboard use, highlighting and share link work unchanged, with the
 * ranking of assets/search/engine.js (engine.min.js, by `make engine`). overrides/main.html points Material at this file.
 * After each result it also posts a note on the "site-search" channel: the words searched
 * when a misspelt word was corrected, and whether anything was found (assets/search-notes.js
 * shows them under the search box). */
importScripts("minisearch.min.js", "engine.min.js")

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
let engine = null
let notes = null
try { notes = new BroadcastChannel("site-search") } catch (error) { notes = null }

addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    const { config, docs } = message.data
    engine = SiteSearch.createEngine(docs, config.lexicon || [], config.weights, config.common_words, config.warnings, config.apart)
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    const query = String(message.data || "")
    let result = { items: [], searched: [], corrected: null }
    try {
      if (engine) result = SiteSearch.search(engine, query)
    } catch (error) {
      console.warn("search failed for", query, error)
    }
    postMessage({ type: RESULT, data: { items: result.items } })
    if (notes) notes.postMessage({ query, corrected: result.corrected, empty: result.items.length === 0 && result.searched.length > 0 })
  }
})
