// A built site's own search engine in Node, for tools/search_scan.js and tools/search_rank.js.
"use strict"
const fs = require("fs")
const path = require("path")

/** A CommonJS file run with its own `require`: each site is searched with its own engine and its
 * own copy of MiniSearch, as its readers' browsers do. */
function loadModule(file, requireModule) {
  const module = { exports: {} }
  new Function("module", "exports", "require", fs.readFileSync(file, "utf8"))(module, module.exports, requireModule)
  return module.exports
}

/** The engine of a `mkdocs build` output (`dir`) over its search index, or over `indexFile`. */
function loadSite(dir, indexFile = path.join(dir, "search", "search_index.json")) {
  const scripts = path.join(dir, "assets", "search")
  const MiniSearch = loadModule(path.join(scripts, "minisearch.min.js"), name => { throw new Error(`no module ${name}`) })
  const S = loadModule(path.join(scripts, "engine.min.js"), name => {
    if (name === "minisearch") return MiniSearch
    throw new Error(`no module ${name}`)
  })
  const index = JSON.parse(fs.readFileSync(indexFile, "utf8"))
  return { S, engine: S.createEngine(index.docs, index.config.lexicon || [], index.config.weights, index.config.common_words,
    index.config.warnings, index.config.apart) }
}

/** The results of a query as Material shows them: per page, the page's link and then the
 * sections shown (those that score as high as the page's best; the rest are folded). */
function shownResults({ S, engine }, query) {
  return S.search(engine, query + " ").items.map(group => {
    const best = group[0].score
    return [group[0].location.split("#")[0],
      ...group.filter(entry => entry.location.includes("#") && entry.score >= best).map(entry => entry.location)]
  })
}

module.exports = { loadSite, shownResults }
