// Unit tests of the search engine (docs/assets/search/engine.js), run by Node's test runner
// (`node --test tests/js/`, called from tests/test_search_engine.py).
const test = require("node:test")
const assert = require("node:assert/strict")
const S = require("../../docs/assets/search/engine.js")

const DOCS = [
  { location: "a/", title: "Leg cramps", text: "<p>Cramps in the leg are common. Leg cramps, leg cramps.</p>" },
  { location: "a/#night", title: "Cramps at night", text: "<p>Night cramps wake people up. Stretching before bed may help.</p>", keywords: "nocturnal" },
  { location: "a/#medicines", title: "Medicines", text: "<p>Diuretics can cause cramps.</p>" },
  { location: "b/", title: "Magnesium", text: "<p>Magnesium is a mineral.</p>" },
  { location: "b/#older", title: "Magnesium for older adults", text: "<p>Magnesium is unlikely to help older adults with cramps.</p>" },
  { location: "c/", title: "Safety &amp; <code>code</code>", text: "<p>Never run &lt;script&gt;alert(1)&lt;/script&gt; here. A cramp is not a script.</p>" },
  { location: "d/", title: "Water", text: "<p>Some people take water tablets for swelling.</p>" },
]
const LEXICON = [{ reader: ["water tablets"], site: ["diuretics"] }]
const engine = S.createEngine(DOCS, LEXICON)
const first = query => S.search(engine, query).items.map(group => group.map(item => item.location))

test("stop words and fillers are dropped from the query", () => {
  assert.deepEqual(S.contentWords("when should I be worried about leg cramps please"), ["worried", "leg", "cramps"])
  assert.deepEqual(S.search(engine, "what is the").items, [])
})

test("English stems meet: cramping finds cramps, stretches finds stretching", () => {
  assert.equal(S.stem("cramping"), S.stem("cramps"))
  assert.equal(S.stem("stretches"), S.stem("stretching"))
  assert.ok(first("stretches before bed")[0].includes("a/#night"))
})

test("a rare word in a section beats common words on a page", () => {
  const groups = S.search(engine, "leg cramps diuretics").items
  const top = groups[0].filter(item => item.location.includes("#")).sort((x, y) => y.score - x.score)[0]
  assert.equal(top.location, "a/#medicines")
})

test("sections that match more of the query's words rank higher", () => {
  const [group] = S.search(engine, "magnesium older adults").items
  assert.equal(group[0].location, "b/#older")
})

test("a misspelt word is corrected against the site's vocabulary and said so", () => {
  const result = S.search(engine, "magnesuim ")
  assert.equal(result.corrected, "magnesium")
  assert.equal(result.items[0][0].location.split("#")[0], "b/")
  assert.equal(S.correct("nocturnl", engine.vocabulary, engine.stems, false), "nocturnal")
  assert.equal(S.correct("minerl", engine.vocabulary, engine.stems, false), "mineral")  // 1 edit
  assert.equal(S.correct("mnierl", engine.vocabulary, engine.stems, false), "mnierl")  // 2 edits, short word
  assert.equal(S.correct("magnezyum", engine.vocabulary, engine.stems, false), "magnesium")  // 2 edits, long word
  // Two edits only from nine letters: "standing" is a word of its own, not "sending" misspelt.
  const sending = S.createEngine([{ location: "s/", title: "Sending", text: "<p>Sending nothing.</p>" }], [])
  assert.equal(S.correct("standing", sending.vocabulary, sending.stems, false), "standing")
  assert.equal(S.correct("sneding", sending.vocabulary, sending.stems, false), "sending")  // 1 edit
})

test("a common word of the language that the index lists is never corrected into a site word", () => {
  const docs = [{ location: "i/", title: "Infection", text: "<p>An infection of the skin.</p>" },
    { location: "r/", title: "Rowing", text: "<p>Rowing is a sport.</p>" }]
  const plain = S.createEngine(docs, [])
  assert.equal(S.search(plain, "injection ").corrected, "infection")  // what the list prevents
  const engine = S.createEngine(docs, [], undefined, ["injection", "growing"])
  const injection = S.search(engine, "injection ")
  assert.equal(injection.corrected, null)
  assert.deepEqual(injection.items, [])  // no page says it: nothing, rather than the wrong thing
  assert.equal(S.search(engine, "growing pains rowing").corrected, null)
  assert.deepEqual(S.search(engine, "infectoin ").searched, ["infection"])  // a misspelling still is
})

test("known words and short words are never corrected", () => {
  assert.equal(S.correct("cramps", engine.vocabulary, engine.stems, false), "cramps")
  assert.equal(S.correct("fast", engine.vocabulary, engine.stems, false), "fast")
  assert.equal(S.search(engine, "cramps").corrected, null)
})

test("only the word being typed is matched as a prefix", () => {
  assert.ok(first("magnes").length > 0)
  assert.deepEqual(first("magnes "), [])
  assert.equal(S.correct("magn", engine.vocabulary, engine.stems, true), "magn")
})

test("a lay phrase finds the site's word, below pages that use the reader's own words", () => {
  const groups = first("water tablets")
  assert.deepEqual(groups.map(group => group[0].split("#")[0]), ["d/", "a/"])
  assert.ok(groups[1].includes("a/#medicines"))
})

test("results are escaped HTML with only <mark> added", () => {
  const [group] = S.search(engine, "script").items
  const item = group.find(entry => entry.location === "c/")
  assert.match(item.text, /&lt;<mark>script<\/mark>&gt;alert\(1\)&lt;\/<mark>script<\/mark>&gt;/)
  assert.doesNotMatch(item.text.replace(/<\/?mark>/g, ""), /<[a-z/]/i)
  assert.equal(item.title, "Safety &amp; code")
  assert.deepEqual(item.terms, { script: true })
})

test("every group holds its page entry, groups ordered by their best section", () => {
  const groups = S.search(engine, "older adults").items
  assert.ok(groups.every(group => group.some(item => !item.location.includes("#"))))
  const best = groups.map(group => Math.max(...group.map(item => item.score)))
  assert.deepEqual(best, [...best].sort((x, y) => y - x))
})

test("Damerau distance counts a swap of two letters as one edit", () => {
  assert.equal(S.distance("excersise", "exercise", 2), 2)
  assert.equal(S.distance("cramp", "crmap", 1), 1)
  assert.equal(S.distance("cramp", "night", 1), 2)
})

test("citation numbers stay out of the snippets", () => {
  assert.equal(S.plainText("helps <sup>1</sup>.</p> <p>Both <sup>2</sup><sup>,</sup><sup>3</sup>."), "helps. Both.")
})

test("a lay phrase weighs what the site's word weighs, so the rest of the query decides", () => {
  const docs = [
    { location: "e/", title: "Cramps", text: "<p>Cramps.</p>" },
    { location: "e/#what", title: "What a cramp is", text: "<p>A charley horse is a cramp. People say charley horse.</p>" },
    { location: "e/#night", title: "Cramps at night", text: "<p>Night cramps wake people. A cramp at night.</p>" },
    { location: "f/", title: "Sport", text: "<p>A cramp in sport.</p>" },
  ]
  const plain = S.createEngine(docs, [])
  const withLexicon = S.createEngine(docs, [{ reader: ["charley horse"], site: ["cramp"] }])
  const top = engine => S.search(engine, "charley horse at night").items[0][0].location
  assert.equal(top(plain), "e/#what")
  assert.equal(top(withLexicon), "e/#night")
})

test("a page entry weighs less than its sections, but a page without sections weighs in full", () => {
  const docs = [
    { location: "p/", title: "Topics", text: "<p>Quiz mentioned once among many other words here.</p>" },
    { location: "p/#one", title: "One", text: "<p>Some other words.</p>" },
    { location: "q/", title: "Test yourself", text: "<p>A quiz on every topic.</p>" },
  ]
  const local = S.createEngine(docs, [])
  const pages = S.search(local, "quiz").items.map(group => group[0].location)
  assert.deepEqual(pages, ["q/", "p/"])
  assert.ok(local.records[0].pageWeight < 1 && local.records[2].pageWeight === 1)
})

test("an entry's first sections lead whatever else the query says, found or not", () => {
  const lexicon = [{ reader: ["chest pain"], site: ["chest pain"], first: ["d/"] }]
  const local = S.createEngine(DOCS, lexicon)
  const pages = S.search(local, "chest pain after diuretics").items.map(group => group[0].location.split("#")[0])
  assert.equal(pages[0], "d/")
  assert.ok(pages.includes("a/"))  // the diuretics section still follows
  assert.deepEqual(S.search(S.createEngine(DOCS, []), "chest pain after diuretics").items[0][0].location.split("#")[0], "a/")
})

test("when several entries put sections first, the one listed first in the lexicon leads", () => {
  const urgentFirst = [{ reader: ["short of breath"], site: [], first: ["d/"] }, { reader: ["swollen"], site: [], first: ["b/#older"] }]
  const lead = lexicon => S.search(S.createEngine(DOCS, lexicon), "swollen leg and short of breath").items.map(group => group[0].location)
  assert.deepEqual(lead(urgentFirst).slice(0, 2), ["d/", "b/#older"])
  assert.deepEqual(lead([...urgentFirst].reverse()).slice(0, 2), ["b/#older", "d/"])  // the order, not the words, decides
  // Even a section the words match strongly does not overturn the order.
  const strong = [{ reader: ["short of breath"], site: [], first: ["b/"] }, { reader: ["swollen"], site: [], first: ["a/#medicines"] }]
  assert.deepEqual(S.search(S.createEngine(DOCS, strong), "diuretics diuretics swollen short of breath").items
    .map(group => group[0].location).slice(0, 2), ["b/", "a/#medicines"])
})

test("the reader's intent favours a page without adding or using up words", () => {
  const docs = [
    { location: "causes/", title: "Causes", text: "<p>Why cramps come at night.</p>" },
    { location: "causes/#night", title: "Night cramps", text: "<p>Night cramps come from tired muscles.</p>" },
    { location: "prevent/", title: "Prevention", text: "<p>Easing cramps.</p>" },
    { location: "prevent/#night", title: "Night cramps", text: "<p>Stretch the calf before bed to ease night cramps.</p>" },
  ]
  const intents = [{ reader: ["how to stop", "remedy"], site: [], favour: ["prevent/"] },
    { reader: ["night time"], site: ["night"] }]
  const pages = (lexicon, query) => S.search(S.createEngine(docs, lexicon), query).items.map(group => group[0].location.split("#")[0])
  assert.equal(pages([], "how to stop night cramps ")[0], "causes/")
  assert.equal(pages(intents, "how to stop night cramps ")[0], "prevent/")
  assert.equal(pages(intents, "night time cramps remedy ")[0], "prevent/")  // "night time" still expands
  assert.deepEqual([...S.favoured(S.words("why do i get cramps"), intents)], [])
  assert.deepEqual([...S.favoured(S.words("Remedies?"), intents)], ["prevent/"])  // stems meet
  // With only_with, an intent counts only beside one of its words, as a lay phrase does
  const origin = [{ reader: ["nerves or muscles"], only_with: ["cramp"], site: [], favour: ["origin/"] }]
  assert.deepEqual([...S.favoured(S.words("do cramps come from nerves or muscles"), origin)], ["origin/"])
  assert.deepEqual([...S.favoured(S.words("numb toes nerves or muscles"), origin)], [])
})

test("a section almost as good as a page's best is shown beside it, a weaker one stays folded", () => {
  const docs = [
    { location: "p/", title: "Preventing cramps", text: "" },
    { location: "p/#night", title: "Stretches", text: "<p>Stretch the calf before bed.</p>" },
    { location: "p/#stretching", title: "Stretching", text: "<p>Stretch the calf muscles before bed.</p>" },
    { location: "p/#other", title: "Other advice", text: "<p>Many words about drinks and shoes and rest and the calf.</p>" },
  ]
  const group = S.search(S.createEngine(docs, []), "stretch calf before bed").items[0]
  const sections = group.filter(entry => entry.location.includes("#"))
  const best = group[0].score
  const shown = sections.filter(entry => entry.score >= best).map(entry => entry.location)
  assert.equal(shown.length, 2)  // Material shows the sections that score as high as the best
  assert.ok(shown.includes("p/#night") && shown.includes("p/#stretching"))
  const alone = S.search(S.createEngine(docs, [], { alsoShown: 1.01 }), "stretch calf before bed").items[0]
  assert.equal(alone.filter(entry => entry.location.includes("#") && entry.score >= alone[0].score).length, 1)
})

test("a page about one thing ranks lower when the query never names it", () => {
  const docs = [
    { location: "basics/", title: "Cramps", text: "" },
    { location: "basics/#age", title: "Who gets cramps", text: "<p>Cramps are more common in older adults: many older adults get them.</p>" },
    { location: "mg/", title: "Magnesium", text: "" },
    { location: "mg/#older", title: "Magnesium for older adults", text: "<p>Whether magnesium helps with cramps.</p>" },
  ]
  const topic = [{ reader: ["magnesium", "supplements"], site: [], topic: ["mg/"] }]
  const pages = (lexicon, query) => S.search(S.createEngine(docs, lexicon), query).items.map(group => group[0].location.split("#")[0])
  assert.equal(pages([], "cramps older adults ")[0], "mg/")  // without the topic, its many words win
  assert.equal(pages(topic, "cramps older adults ")[0], "basics/")
  assert.equal(pages(topic, "magnesium older adults ")[0], "mg/")
  assert.equal(pages(topic, "older adults supplement ")[0], "mg/")  // stems meet
  assert.equal(pages(topic, "older adults magn")[0], "mg/")  // the word being typed
  assert.deepEqual([...S.topics(S.words("cramps older adults"), topic).all], ["mg/"])
  assert.deepEqual([...S.topics(S.words("cramps older adults"), topic).named], [])
})

test("a phrase of an unless_negated entry right after a negation is not matched; a warning sign is", () => {
  const lexicon = [
    { reader: ["short of breath"], site: ["breath"], first: ["help/#urgent"] },
    { reader: ["won't stop"], site: ["10 minutes"], first: ["help/#same-day"] },
    { reader: ["stops when i rest"], site: ["walking"], first: ["help/#appointment"], unless_negated: true },
  ]
  const leads = query => { const first = new Set(); S.expansions(S.words(query), lexicon, null, new Map(), first); return [...first] }
  assert.deepEqual(leads("calf pain stops when I rest"), ["help/#appointment"])
  assert.deepEqual(leads("cramp won't stop when I rest"), ["help/#same-day"])  // not "stop(s) when I rest"
  assert.deepEqual(leads("cramp never stops when I rest"), [])
  assert.deepEqual(leads("cramp doesnt stops when I rest"), [])
  assert.deepEqual(leads("wasn't short of breath before, now I am"), ["help/#urgent"])  // over-cautious, on purpose
})

test("an only_with entry counts only when the query also holds one of its words", () => {
  const lexicon = [
    { reader: ["still hurts"], only_with: ["pregnant", "expecting a baby"], site: ["ease"], first: ["help/#straight-away"] },
    { reader: ["goes off when i stop"], only_with: ["walk"], site: ["walking"], first: ["help/#appointment"], unless_negated: true },
  ]
  const leads = query => { const first = new Set(); S.expansions(S.words(query), lexicon, null, new Map(), first); return [...first] }
  assert.deepEqual(leads("28 weeks pregnant and my calf still hurts"), ["help/#straight-away"])
  assert.deepEqual(leads("expecting a baby, cramp still hurts"), ["help/#straight-away"])  // a phrase of several words
  assert.deepEqual(leads("calf still hurts the day after a cramp"), [])
  assert.deepEqual(leads("I'm not pregnant but my calf still hurts"), [])
  assert.deepEqual(leads("calf aches when I walk to the shops and goes off when I stop"), ["help/#appointment"])
  assert.deepEqual(leads("calf aches when walking, goes off when I stop"), ["help/#appointment"])  // stems meet
  assert.deepEqual(leads("calf cramps when I run and goes off when I stop"), [])
})

test("warning signs are matched before longer, milder phrases, most urgent first", () => {
  const lexicon = [
    { reader: ["chest pain"], site: ["chest pain"], first: ["help/#urgent"] },
    { reader: ["pain won't go away"], site: ["10 minutes"], first: ["help/#same-day"] },
    { reader: ["won't go away"], site: ["persistent"] },
  ]
  const leads = query => { const first = new Set(); S.expansions(S.words(query), lexicon, null, new Map(), first); return [...first] }
  assert.deepEqual(leads("chest pain won't go away"), ["help/#urgent"])  // the longer phrase had taken "pain"
  assert.deepEqual(leads("calf pain won't go away"), ["help/#same-day"])
})

test("when the lexicon puts a section first, the section the reader's words found best stays in view", () => {
  const group = () => [{ location: "help/#same-day", score: 100 }, { location: "help/#other", score: 10 },
    { location: "help/#straight-away", score: 8 }, { location: "help/", score: 0 }]
  const kept = group()
  S.keepInView(kept, "help/#straight-away", new Set(["help/#same-day"]))
  assert.deepEqual(kept.map(entry => entry.location), ["help/#same-day", "help/#straight-away", "help/#other", "help/"])
  assert.equal(kept[1].score, 100)  // Material shows the run of sections that score as high as the first
  const unled = [{ location: "help/#other", score: 10 }, { location: "help/#straight-away", score: 8 }]
  S.keepInView(unled, "help/#straight-away", new Set(["help/#same-day"]))  // no lead on this page: as it was
  assert.deepEqual(unled.map(entry => entry.score), [10, 8])
})

test("every section an entry puts first is shown, and the reader's other words keep their answer in view", () => {
  const docs = [
    { location: "h/", title: "When to get help", text: "<p>Help.</p>" },
    { location: "h/#same-day", title: "Same day", text: "<p>A cramp that lasts a long time needs help the same day.</p>" },
    { location: "h/#clot", title: "Blood clot", text: "<p>Pain that does not go may be a clot.</p>" },
    { location: "h/#statin", title: "Statins", text: "<p>Stop a statin if your urine is dark. Stop it and get help.</p>", keywords: "statin" },
    { location: "h/#tablets", title: "Tablets", text: "<p>Ask before you stop a tablet, a statin too. Stop, stop.</p>", keywords: "tablets" },
    { location: "h/#serious", title: "Serious", text: "<p>A serious sign.</p>" },
    { location: "x/", title: "Stopping a cramp", text: "<p>Stop a cramp: stretch. Won't stop? Stretch again. Stop.</p>" },
  ]
  // A telling word is one of the section's reader words, in at most half the sections of this small fixture.
  const lexicon = [{ reader: ["won't stop"], site: [], first: ["h/#same-day", "h/#clot"] }, { reader: ["lipitor"], site: ["statin"] }]
  const local = S.createEngine(docs, lexicon, { besideShare: 0.5 })
  const shown = query => {
    const group = S.search(local, query).items[0]
    return group.filter(entry => entry.score >= group[0].score).map(entry => entry.location)
  }
  assert.deepEqual(shown("cramp won't stop"), ["h/#same-day", "h/#clot"])  // both leads, nothing else
  assert.deepEqual(shown("statin cramp won't stop"), ["h/#same-day", "h/#clot", "h/#statin"])
  assert.deepEqual(shown("lipitor cramp won't stop"), ["h/#same-day", "h/#clot", "h/#statin"])  // in the site's word
  // The phrase's own words ("stop") never pick the section kept in view, nor a word said in passing
  // ("statin" in the text of #tablets, "serious" in a section that does not list it as a reader word).
  assert.ok(!shown("statin cramp won't stop").includes("h/#tablets"))
  assert.deepEqual(shown("serious cramp won't stop"), ["h/#same-day", "h/#clot"])
})

test("a duration is read in the ways people write it, in minutes", () => {
  const minutes = text => (S.durationAt(S.words(text), 0) || {}).minutes
  assert.equal(minutes("25 minutes"), 25)
  assert.equal(minutes("45min"), 45)
  assert.equal(minutes("2hrs"), 120)
  assert.equal(minutes("twenty five mins"), 25)
  assert.equal(minutes("half an hour"), 30)
  assert.equal(minutes("an hour and a half"), 90)
  assert.equal(minutes("1 and a half hours"), 90)
  assert.equal(minutes("a couple of hours"), 120)
  assert.equal(minutes("2-3 hours"), 180)  // the longer of a range
  assert.equal(minutes("hours"), 120)
  assert.equal(minutes("the last 20 minutes"), 20)
  assert.equal(minutes("a few minutes"), 3)
  assert.ok(minutes("over 10 minutes") > 10)  // "over 10" is longer than 10
  assert.equal(minutes("10 minutes"), 10)
  assert.equal(minutes("minutes"), undefined)  // no number: not a length
  assert.equal(minutes("a cramp"), undefined)
  assert.equal(minutes("hour"), undefined)  // "an hour": the number is the article
  assert.equal(minutes("the last hour"), 60)
  assert.equal(minutes("three quarters of an hour"), 45)
  assert.equal(minutes("1h30"), 90)
})

test("the words of a length of time are never corrected as typos", () => {
  const vocabulary = new Map([["thirsty", 5], ["early", 5]])
  assert.equal(S.correct("thirty", vocabulary, new Set()), "thirty")
  assert.equal(S.correct("nearly", vocabulary, new Set()), "nearly")
})

test("a phrase with <duration> matches any time longer than the entry's longer_than, and nothing else", () => {
  const lexicon = [{ reader: ["cramp for <duration>", "cramp <duration>", "lasted <duration>", "<duration> cramp", "cramp longer than <duration>"],
    site: ["10 minutes"], first: ["help/#same-day"], longer_than: 10 }]
  const leads = query => { const first = new Set(); S.expansions(S.words(query), lexicon, null, new Map(), first); return [...first] }
  for (const query of ["calf cramp for 25 minutes", "leg cramp for 1 hour", "cramped for over 10 mins", "cramp lasted 40 mins",
    "my cramp has lasted an hour and a half", "had a 20 minute cramp", "45min cramp", "cramp for the last 15 minutes",
    "cramp for the last hour", "calf cramp 45 minutes", "cramp longer than 10 min", "cramp for 2 hours after a run",
    "cramp for 20 minuts", "cramp for thirty five minutes"])
    assert.deepEqual(leads(query), ["help/#same-day"], query)
  for (const query of ["cramp for 5 minutes", "cramp for 10 minutes", "cramp for a few minutes", "i ran for an hour and got a cramp",
    "cramps after running for an hour", "cramp for minutes", "ran for an hour cramp in calf", "ran an hour cramp",
    "slept 8 hours cramp", "slept 8 hrs cramp", "after 2 hours cramping from cycling", "cramps 2 hours after eating", "cramp 30 minutes into my run",
    "cramp an hour ago"])
    assert.deepEqual(leads(query), [], query)
  // without longer_than the slot matches nothing
  const noLimit = [{ reader: ["cramp for <duration>"], site: ["10 minutes"], first: ["help/#same-day"] }]
  const first = new Set()
  S.expansions(S.words("cramp for 2 hours"), noLimit, null, new Map(), first)
  assert.equal(first.size, 0)
})

test("words readers asked with (questions) find a section, below a section that says them, are never shown, and are no site words", () => {
  const docs = [
    { location: "p/#night", title: "Night cramps", text: "<p>Cramps that wake you from sleep.</p>", questions: "covers seize" },
    { location: "p/#calf", title: "Calf cramps", text: "<p>A calf that seizes under the covers.</p>" },
    { location: "q/#other", title: "Other", text: "<p>Nothing about it.</p>" },
  ]
  const asked = S.createEngine(docs, [])
  const order = query => S.search(asked, query + " ").items.flatMap(group => group.filter(item => item.score > 0).map(item => item.location))
  assert.deepEqual(order("seize"), ["p/#calf", "p/#night"])  // the section's own word counts more
  const alone = S.createEngine(docs.slice(0, 1).concat(docs.slice(2)), [])
  const [[found]] = S.search(alone, "covers ").items
  assert.equal(found.location, "p/#night")
  assert.ok(!/covers|seize/.test(found.text + found.title), found.text)
  // a misspelling in the log is no word of the site: the reader's "strecthing" is still corrected
  const withTypo = S.createEngine([{ location: "s/#how", title: "How", text: "<p>Stretching before bed.</p>", questions: "strecthing" }], [])
  assert.equal(S.search(withTypo, "strecthing ").corrected, "stretching")
})

test("words readers asked with move advice on when to get help neither down, nor up, nor into the first three", () => {
  const help = [{ location: "h/", title: "Get help", text: "" },
    { location: "h/#urgent", title: "Today", text: "<p>Calf pain that will not ease needs a doctor today.</p>" },
    { location: "p/", title: "Prevention", text: "" }]
  const pages = (docs, warnings, query) =>
    S.search(S.createEngine(docs, [], {}, [], warnings), query + " ").items.map(group => group[0].location.split("#")[0])
  // down: the questions alone would rank the stretching above the advice
  const down = [...help, { location: "p/#stretch", title: "Stretching", text: "<p>Stretch the muscle gently.</p>", questions: "throbbing calf" }]
  assert.deepEqual(pages(down, [], "throbbing calf"), ["p/", "h/"])
  assert.deepEqual(pages(down, ["h/"], "throbbing calf"), ["h/", "p/"])
  assert.deepEqual(pages(down, ["h/#urgent"], "throbbing calf"), ["h/", "p/"])  // a section names it too
  assert.equal(pages(down, ["h/"], "stretch")[0], "p/")  // a query that finds no advice is not held back
  // up: the questions alone would put the advice first, where the site's words put it third
  const up = [help[0], { ...help[1], questions: "throbbing ache knot" }, help[2],
    { location: "p/#stretch", title: "Stretching", text: "<p>A throbbing calf eases with a long, slow stretch of the muscle and some rest.</p>" },
    { location: "q/", title: "Other", text: "<p>Knot in a rope.</p>" }]
  const query = "throbbing calf ache knot"
  assert.equal(pages(up, [], query)[0], "h/")
  assert.deepEqual(pages(up, ["h/"], query), ["p/", "q/", "h/"])
  // into: the questions alone would bring the advice into the first three, the site's words do not
  const into = [...up, { location: "r/", title: "More", text: "<p>An ache in a knot of wood.</p>" },
    { location: "s/", title: "Still more", text: "<p>A knot and an ache.</p>" }]
  assert.ok(pages(into, [], query).indexOf("h/") < 3)
  assert.ok(pages(into, ["h/"], query).indexOf("h/") >= 3, pages(into, ["h/"], query))
})

test("pages searched apart never move the others' results, and lead only for a name only their headings hold", () => {
  const sources = [
    { location: "r/", title: "References", text: "" },
    { location: "r/#minetto2013", title: "Minetto and others (2013)",
      text: "<p>M. A. Minetto and A. Holobar. Origin and development of muscle cramps. Exercise and Sport Sciences Reviews, 2013.</p>" },
    { location: "r/#kids", title: "KidsHealth: Leg cramps in pregnancy (web page)", text: "<p>KidsHealth, on a children's hospital website.</p>" },
    { location: "r/#mayo", title: "Mayo Clinic: Expert answer on statins (web page)", text: "<p>Mayo Clinic website.</p>" },
  ]
  const alone = S.createEngine(DOCS, LEXICON)
  const beside = S.createEngine([...DOCS, ...sources], LEXICON, undefined, [], [], ["r/"])
  const results = (engine, query) => S.search(engine, query).items.map(group => group.map(item => [item.location, item.score]))
  const page = group => group[0][0].split("#")[0]
  for (const query of ["leg cramps at night", "magnesium older adults", "water tablets", "leg cramps children"]) {
    const own = results(alone, query)
    const found = results(beside, query)
    assert.deepEqual(found.slice(0, own.length), own, query)  // same order, same scores: the sources weigh nothing in
    assert.ok(found.slice(own.length).every(group => page(group) === "r/"), query)
  }
  const named = S.search(beside, "minetto holobar 2013")
  assert.equal(named.items[0][0].location, "r/#minetto2013")
  assert.equal(named.corrected, null)  // a name is no misspelling of the others' words
  // a heading word among words about something else: the sources follow
  assert.notEqual(page(results(beside, "night cramps stretching before bed clinic")[0]), "r/")
  assert.deepEqual(S.search(S.createEngine(sources, [], undefined, [], [], ["r/"]), "minetto").items[0][0].location, "r/#minetto2013")
})
