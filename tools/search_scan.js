#!/usr/bin/env node
// Compares the search of two built sites on many worried questions, for a change to the lexicon
// or the engine: does any question now put a less urgent section first, or lose an urgent section
// from its first three results? A reviewer checks what they think to type; this checks thousands.
//
//   node tools/search_scan.js BEFORE_SITE AFTER_SITE QUERIES.txt
//
// Each site folder is a `mkdocs build` output (search/search_index.json, assets/search/engine.min.js).
// QUERIES.txt holds one query per line; `#` starts a comment line. Lines `#! SECTION LEVEL` say
// how urgent a section is (a higher level is more urgent; sections of one level are as urgent as
// each other); the file must have them.
// Prints DOWN (first result less urgent), LOST (an urgent section gone from the first three
// results) and UP lines, then a count of each. Exit status 1 when any line is DOWN or LOST.
"use strict"
const fs = require("fs")
const { loadSite, shownResults } = require("./search_site.js")

/** The sections shown in each of the first three results. */
function shownSections(site, query) {
  return shownResults(site, query).slice(0, 3).map(([, ...sections]) => sections)
}

function compare(before, after, queries, urgency) {
  const level = sections => Math.max(0, ...sections.map(section => urgency.get(section) || 0))
  const lines = []
  const counts = { DOWN: 0, LOST: 0, UP: 0 }
  for (const query of queries) {
    const b = shownSections(before, query), a = shownSections(after, query)
    const lb = level(b[0] || []), la = level(a[0] || [])
    if (lb !== la) {
      const kind = la < lb ? "DOWN" : "UP"
      counts[kind]++
      lines.push(`${kind.padEnd(4)} ${lb}->${la}\t${query}\t| before: ${(b[0] || []).join(" ")}\t| after: ${(a[0] || []).join(" ")}`)
    }
    const shownAfter = new Set(a.flat())
    const lost = [...new Set(b.flat())].filter(section => urgency.has(section) && !shownAfter.has(section))
    if (lost.length) {
      counts.LOST++
      lines.push(`LOST ${lost.join(" ")}\t${query}`)
    }
  }
  return { lines, counts }
}

function readQueries(file) {
  return fs.readFileSync(file, "utf8").split("\n").map(line => line.trim()).filter(line => line && !line.startsWith("#"))
}

/** The `#! SECTION LEVEL` lines of a query file. */
function readLevels(file) {
  const levels = new Map()
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const match = /^#!\s+(\S+)\s+(\d+)\s*$/.exec(line.trim())
    if (match) levels.set(match[1], Number(match[2]))
  }
  return levels
}

const [beforeDir, afterDir, queryFile] = process.argv.slice(2)
if (!queryFile) {
  console.error("usage: node tools/search_scan.js BEFORE_SITE AFTER_SITE QUERIES.txt")
  process.exit(2)
}
const levels = readLevels(queryFile)
if (!levels.size) {
  console.error(`${queryFile}: no "#! SECTION LEVEL" line says how urgent a section is; add one per warning section`)
  process.exit(2)
}
const queries = readQueries(queryFile)
const { lines, counts } = compare(loadSite(beforeDir), loadSite(afterDir), queries, levels)
for (const line of lines) console.log(line)
console.log(`${queries.length} queries: ${counts.DOWN} down, ${counts.LOST} lost an urgent section, ${counts.UP} up`)
process.exit(counts.DOWN || counts.LOST ? 1 : 0)
