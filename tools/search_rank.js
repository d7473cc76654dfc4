#!/usr/bin/env node
// The results of a built site's own search engine for many queries, in Node, for tools that
// compare indexes without a browser (tools/search_cv.py).
//
//   node tools/search_rank.js SITE INDEX.json QUERIES.json
//
// SITE is a `mkdocs build` output (its engine: assets/search/*.min.js); INDEX.json a search index
// to search (the site's own, or a variant); QUERIES.json a list of query strings. Prints a JSON
// list with, per query, its results as Material shows them: per page, the page's link and then
// the sections shown (those scoring as high as the page's best; the rest are folded).
"use strict"
const fs = require("fs")
const { loadSite, shownResults } = require("./search_site.js")

const [folder, indexFile, queriesFile] = process.argv.slice(2)
if (!queriesFile) {
  console.error("usage: node tools/search_rank.js SITE INDEX.json QUERIES.json")
  process.exit(2)
}
const site = loadSite(folder, indexFile)
const results = JSON.parse(fs.readFileSync(queriesFile, "utf8")).map(query => shownResults(site, query))
process.stdout.write(JSON.stringify(results))
