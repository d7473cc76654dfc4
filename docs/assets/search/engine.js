/* The site's search engine, used by assets/search/worker.js in the reader's browser and by the
 * unit tests in Node. It answers questions as readers type them: words are lower-cased, stop
 * words and filler words dropped, English stems matched (Porter), a misspelt word corrected
 * against the site's own vocabulary, lay words expanded from the site's lexicon (below the
 * reader's own words), and sections that match more of the query's words ranked higher.
 * Ranking is MiniSearch's BM25+ over the title, the reader words of the section (keywords)
 * and the text. No DOM, no eval: it runs in a worker under a strict Content-Security-Policy. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("minisearch"))
  else root.SiteSearch = factory(root.MiniSearch)
})(typeof self !== "undefined" ? self : this, function (MiniSearch) {
  "use strict"

  const STOP_WORDS = new Set((
    "a about above after again against all also am an and any are as at be because been before being below " +
    "between both but by can cannot could did do does doing done down during each even ever few for from " +
    "further get gets getting got had has have having he her here hers him his how i if in into is it its " +
    "itself just me might more most must my myself no nor not now of off on once only or other our out over " +
    "own same she should so some such than that the their them then there these they this those through to " +
    "too under until up very was we were what when where which while who whom why will with would you your " +
    "yours yourself " +
    // fillers of lay questions: they carry no topic
    "help helps please really thing things way ways anything something someone anyone keep keeps kept go " +
    "goes going make makes made lot lots much many bad badly good best better need needs tell actually"
  ).split(" "))

  /* A phrase of a lexicon entry marked `unless_negated` is not matched right after one of these:
   * "doesn't stop when I rest" is not "stops when I rest". ("doesn't" is two words here: "doesn",
   * "t".) Warning signs are matched even so: "wasn't short of breath before, now I am" must
   * still lead to the emergency advice. */
  const NEGATIONS = new Set("not no never t without doesnt dont didnt wont isnt cant cannot hasnt havent arent wasnt".split(" "))

  /* ------------------------------------------------------------------ words */

  const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " " }

  /** Plain text from the HTML of the search index (tags dropped, entities decoded, citation
   * numbers such as <sup>1</sup> left out of the snippets). */
  function plainText(html) {
    return String(html || "")
      .replace(/\s*<sup>[\d,\s]*<\/sup>/g, "")
      .replace(/<[^>]*>/g, " ")
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name) => {
        if (name[0] === "#") {
          const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
          return Number.isFinite(code) ? String.fromCodePoint(code) : match
        }
        return ENTITIES[name.toLowerCase()] ?? match
      })
      .replace(/\s+/g, " ")
      .trim()
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" })[c])
  }

  /** Lower-case words without accents; apostrophes end a word ("cramp's" → "cramp"). */
  function words(text) {
    return String(text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .match(/[a-z0-9]+/g) || []
  }

  /** The words of a query or document that carry meaning (no stop words, no single letters). */
  function contentWords(text) {
    return words(text).filter(word => word.length > 1 && !STOP_WORDS.has(word))
  }

  /* ------------------------------------------------------------------ Porter stemmer */

  /* M. F. Porter, "An algorithm for suffix stripping", 1980: the classic English stemmer, so
   * that "cramping", "cramped" and "cramps" all meet at "cramp". */
  const stem = (() => {
    const vowel = "[aeiou]"
    const consonantSeq = "[^aeiou][^aeiouy]*"
    const vowelSeq = "[aeiouy][aeiou]*"
    const mGt0 = new RegExp(`^(${consonantSeq})?${vowelSeq}${consonantSeq}`)
    const mEq1 = new RegExp(`^(${consonantSeq})?${vowelSeq}${consonantSeq}(${vowelSeq})?$`)
    const mGt1 = new RegExp(`^(${consonantSeq})?${vowelSeq}${consonantSeq}${vowelSeq}${consonantSeq}`)
    const hasVowel = new RegExp(`^(${consonantSeq})?${vowel}`)
    const cvc = new RegExp(`^${consonantSeq}${vowel}[^aeiouwxy]$`)
    const step2 = {
      ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble", alli: "al",
      entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate", alism: "al",
      iveness: "ive", fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive", biliti: "ble", logi: "log",
    }
    const step3 = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" }
    const step2re = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/
    const step3re = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/
    const step4re = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/
    const step4ion = /^(.+?)(s|t)(ion)$/


    // The same few thousand words are stemmed again for every keystroke: remember them.
    const known = new Map()
    return function stem(word) {
      let w = known.get(word)
      if (w === undefined) {
        if (known.size > 50000) known.clear()
        known.set(word, (w = porter(word)))
      }
      return w
    }

    function porter(word) {
      if (word.length < 3 || /[0-9]/.test(word)) return word
      let w = word
      const firstY = w[0] === "y"
      if (firstY) w = "Y" + w.slice(1)
      // step 1a
      if (/sses$|ies$/.test(w)) w = w.slice(0, -2)
      else if (/([^s])s$/.test(w)) w = w.slice(0, -1)
      // step 1b
      let match
      if ((match = /^(.+?)eed$/.exec(w))) {
        if (mGt0.test(match[1])) w = w.slice(0, -1)
      } else if ((match = /^(.+?)(ed|ing)$/.exec(w)) && hasVowel.test(match[1])) {
        w = match[1]
        if (/(at|bl|iz)$/.test(w)) w += "e"
        else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1)
        else if (cvc.test(w)) w += "e"
      }
      // step 1c
      if ((match = /^(.+?)y$/.exec(w)) && hasVowel.test(match[1])) w = match[1] + "i"
      // step 2
      if ((match = step2re.exec(w)) && mGt0.test(match[1])) w = match[1] + step2[match[2]]
      // step 3
      if ((match = step3re.exec(w)) && mGt0.test(match[1])) w = match[1] + step3[match[2]]
      // step 4
      if ((match = step4re.exec(w))) {
        if (mGt1.test(match[1])) w = match[1]
      } else if ((match = step4ion.exec(w))) {
        if (mGt1.test(match[1] + match[2])) w = match[1] + match[2]
      }
      // step 5
      if ((match = /^(.+?)e$/.exec(w))) {
        const base = match[1]
        if (mGt1.test(base) || (mEq1.test(base) && !cvc.test(base))) w = base
      }
      if (/ll$/.test(w) && mGt1.test(w)) w = w.slice(0, -1)
      if (firstY) w = "y" + w.slice(1)
      return w
    }
  })()

  /** Index and query terms: a meaningful word, stemmed; null drops it. */
  function processTerm(term) {
    const word = term.toLowerCase()
    if (word.length < 2 || STOP_WORDS.has(word)) return null
    return stem(word)
  }

  /* ------------------------------------------------------------------ typo correction */

  /** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions),
   * stopping early once it exceeds `limit`. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1
    let before = null
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
    for (let i = 1; i <= a.length; i++) {
      const current = [i]
      let best = i
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1
        let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          value = Math.min(value, before[j - 2] + 1)
        current.push(value)
        best = Math.min(best, value)
      }
      if (best > limit) return limit + 1
      before = previous
      previous = current
    }
    return previous[b.length]
  }

  /** The site's word for a word the site does not know: within 1 edit (2 for words of 9 letters
   * or more), the closest, then the most frequent. Words the site knows, common words of the
   * language that are no typo ("injection" is not "infection", "growing" not "rowing"), and the
   * start of a word still being typed, are kept as they are. */
  function correct(word, vocabulary, stems, typing, common) {
    if (vocabulary.has(word) || stems.has(stem(word)) || word.length < 6 || /[0-9]/.test(word) || TIME_WORDS.has(word) ||
      (common && common.has(word))) return word
    if (typing) for (const known of vocabulary.keys()) if (known.startsWith(word)) return word
    const limit = word.length >= 9 ? 2 : 1
    let found = null
    for (const [known, count] of vocabulary) {
      if (Math.abs(known.length - word.length) > limit || known.length < 3) continue
      const d = distance(word, known, limit)
      if (d <= limit && (!found || d < found.d || (d === found.d && count > found.count))) found = { known, d, count }
    }
    return found ? found.known : word
  }

  /* ------------------------------------------------------------------ durations */

  /* A lexicon phrase may hold the slot <duration>: it stands for any length of time the reader
   * types that is longer than the entry's `longer_than` (in minutes), so "cramp for <duration>"
   * meets "cramp for 25 minutes", "cramp for an hour and a half" and "cramp for over 10 mins"
   * without listing every number. */
  const SLOT = "<duration>"
  const NUMBER_WORDS = {
    a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
    eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
    nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, couple: 2, few: 3, several: 3,
  }
  const UNITS = { min: 1, mins: 1, minute: 1, minutes: 1, m: 1, h: 60, hr: 60, hrs: 60, hour: 60, hours: 60 }
  // "minuts" is no word of the site's, but its stem is, so it is never corrected: read it by its stem
  const unitOf = word => UNITS[word] ?? ({ min: 1, minut: 1, hour: 60, hr: 60 })[stem(word || "")]
  // Words before a number that do not change it ("for the last 20 minutes"); "over 10 minutes"
  // is more than 10.
  const VAGUE = [["the", "last"], ["the", "past"], ["a", "good"], ["about"], ["around"], ["nearly"], ["almost"],
    ["roughly"], ["like"], ["maybe"], ["at", "least"], ["a", "full"], ["a", "whole"]]
  const MORE = [["over"], ["more", "than"], ["longer", "than"], ["well", "over"]]
  // Before a length of time, these make it no adjective of the word after it ("ran for an hour, cramp").
  const BEFORE_ADJECTIVE = new Set(["for", "every", "each", "after", "about", "over"])
  // After a length of time, these say when something happened, not how long it lasted:
  // "cramps 2 hours after eating", "an hour into my run", "an hour ago".
  const WHEN = new Set(["after", "into", "before", "later", "ago", "from", "each", "every"])
  // Words of a length of time are never "corrected": "thirty" is not "thirsty".
  const TIME_WORDS = new Set([...Object.keys(NUMBER_WORDS), ...Object.keys(UNITS), ...VAGUE.flat(), ...MORE.flat(), "half", "quarter", "plus"])

  const HALVES = [[["half", "an", "hour"], 30], [["half", "a", "hour"], 30], [["a", "half", "hour"], 30], [["half", "hour"], 30],
    [["half", "hr"], 30], [["quarter", "of", "an", "hour"], 15], [["a", "quarter", "of", "an", "hour"], 15], [["quarter", "hour"], 15],
    [["three", "quarters", "of", "an", "hour"], 45]]
  const startsWith = (list, at, phrase) => phrase.every((word, k) => list[at + k] === word)

  /** The length of time written at `at` in the query's words, in minutes, and where it ends:
   * "25 minutes", "45min", "an hour and a half", "half an hour", "2-3 hours" (the longer),
   * "twenty five mins", "hours" (at least two). Null when the words there are not a duration. */
  function durationAt(list, at) {
    let i = at
    let more = 0
    for (let again = true; again;) {
      again = false
      for (const phrase of [...MORE, ...VAGUE]) if (startsWith(list, i, phrase)) {
        if (MORE.includes(phrase)) more = 0.5
        i += phrase.length
        again = true
        break
      }
    }
    for (const [phrase, minutes] of HALVES) if (startsWith(list, i, phrase)) return { end: i + phrase.length, minutes: minutes + more }
    const number = position => {
      const word = list[position]
      if (word === undefined) return null
      if (/^\d+$/.test(word)) return { value: Number(word), end: position + 1 }
      if (!(word in NUMBER_WORDS)) return null
      let value = NUMBER_WORDS[word]
      let end = position + 1
      if (value >= 20 && value % 10 === 0 && NUMBER_WORDS[list[end]] < 10 && list[end] !== "a" && list[end] !== "an") value += NUMBER_WORDS[list[end++]]
      if ((word === "couple" || word === "few") && list[end] === "of") end++
      return { value, end }
    }
    const glued = /^(\d+)(mins?|minutes?|m|h|hrs?|hours?)$/.exec(list[i] || "")
    if (glued) return withHalf({ end: i + 1, minutes: Number(glued[1]) * UNITS[glued[2]] + more })
    const clock = /^(\d+)h(\d+)m?$/.exec(list[i] || "")  // 1h30
    if (clock) return { end: i + 1, minutes: Number(clock[1]) * 60 + Number(clock[2]) + more }
    if ((list[i] === "a" || list[i] === "an") && (list[i + 1] === "couple" || list[i + 1] === "few")) i++
    let count = number(i)
    if (!count) {
      // "for hours": at least two; "for the last hour": one
      if (list[i] === "hours" || list[i] === "hrs") return { end: i + 1, minutes: 120 + more }
      if (i > at && (list[i] === "hour" || list[i] === "hr")) return withHalf({ end: i + 1, minutes: 60 + more })
      return null
    }
    let end = count.end
    let value = count.value
    if ((/^\d+$/.test(list[i]) && /^\d+$/.test(list[end] || "")) || ((list[end] === "to" || list[end] === "or") && number(end + 1))) {
      const second = number(list[end] === "to" || list[end] === "or" ? end + 1 : end)
      value = Math.max(value, second.value)
      end = second.end
    }
    let half = 0
    if (startsWith(list, end, ["and", "a", "half"])) { half = 0.5; end += 3 }
    if (list[end] === "plus") { more = 0.5; end++ }  // "20 plus minutes"
    const unit = unitOf(list[end])
    if (!unit || (unit === 1 && list[end] === "m" && !/^\d+$/.test(list[end - 1]))) return null
    return withHalf({ end: end + 1, minutes: (value + half) * unit + more })

    function withHalf(found) {
      if (startsWith(list, found.end, ["and", "a", "half"])) {
        const unit = unitOf(list[found.end - 1]) || (/(h|hrs?|hours?)$/.test(list[found.end - 1]) ? 60 : 1)
        return { end: found.end + 3, minutes: found.minutes + unit / 2 }
      }
      return found
    }
  }

  /** The words of a lexicon phrase, with the slot kept as one word. */
  function phraseWords(phrase) {
    return String(phrase).split(SLOT).map(part => words(part)).reduce((all, part, k) => k ? [...all, SLOT, ...part] : part, [])
  }

  /** Where `phrase` (words, maybe with the slot) ends when it starts at `at` in the query, or -1.
   * The slot takes a duration longer than `longerThan` minutes. */
  function phraseEnd(list, at, phrase, longerThan) {
    let i = at
    for (const [k, word] of phrase.entries()) {
      if (word === SLOT) {
        const found = typeof longerThan === "number" ? durationAt(list, i) : null
        // "cramp longer than <duration>" says "more than" itself
        const more = MORE.some(said => said.every((w, j) => phrase[k - said.length + j] === w)) ? 0.5 : 0
        if (!found || !(found.minutes + more > longerThan)) return -1
        // A length before the cramp ("a 20 minute cramp", "45 min cramp") is written as an adjective:
        // "ran for an hour, cramp", "slept 8 hours, cramp" and "after 2 hours cramping" are not one
        if (k === 0 && (BEFORE_ADJECTIVE.has(list[at - 1]) || /^\d+$/.test(list[at - 1] || "") || (list[at - 1] in NUMBER_WORDS && list[at - 1] !== "a") ||
            list.slice(at, found.end).some(word => /^(\d*(minutes|mins|hours|hrs)|a|an)$/.test(word)))) return -1
        // "cramp 2 hours after eating" is not a cramp lasting 2 hours; "cramp for 2 hours after a run" is
        const before = phrase[k - 1]
        if (k === phrase.length - 1 && WHEN.has(list[found.end]) && before !== "for" && !(before && stem(before) === "last")) return -1
        i = found.end
      } else if (i < list.length && (list[i] === word || stem(list[i]) === stem(word))) i++
      else return -1
    }
    return i
  }

  /* ------------------------------------------------------------------ lexicon */

  /** Lay phrases of the query and the site's words they stand for ("water tablets" →
   * "diuretics"), each with `known`: whether the site itself uses a word of the phrase. Phrases
   * are matched on all the words typed, stop words included ("how to stop"); longest first,
   * each query word used by one phrase at most (an `unless_negated` entry's never right after
   * a negation); warning signs first. `mapped` receives, for each word of a matched
   * phrase, the site's words it stands for; `first`, the sections a matched entry puts first
   * (an emergency sign leads to the emergency advice, whatever else the query says); an entry
   * with `only_with` counts only when the query also holds one of those words, not denied ("still
   * hurts" is a sign in pregnancy);
   * `signWords`, the positions of the query words that such an entry's phrases used. */
  function expansions(queryWords, lexicon, stems, mapped = new Map(), first = new Set(), signWords = new Set()) {
    const found = []
    const used = new Set()
    const entries = []
    const leads = []
    ;(lexicon || []).forEach((entry, order) => {
      if ((entry.site || []).length || (entry.first || []).length)
        if (!entry.only_with || entry.only_with.some(context => saysPlainly(queryWords, words(context))))
          for (const phrase of entry.reader || []) entries.push({ phrase: phraseWords(phrase), site: entry.site || [], first: entry.first || [], order, negatable: !!entry.unless_negated, longerThan: entry.longer_than })
    })
    // Warning signs are matched first, most urgent first, so that a longer, milder phrase ("pain
    // won't go away") never takes the words of an emergency ("chest pain"); then longest first.
    entries.sort((x, y) => (y.first.length > 0) - (x.first.length > 0) ||
      (x.first.length ? x.order - y.order : 0) || y.phrase.length - x.phrase.length)
    for (const { phrase, site, first: sections, order, negatable, longerThan } of entries) {
      if (!phrase.length) continue
      for (let i = 0; i < queryWords.length; i++) {
        if (negatable && i > 0 && NEGATIONS.has(queryWords[i - 1])) continue  // "doesn't stop when i rest"
        const end = phraseEnd(queryWords, i, phrase, longerThan)
        const span = end < 0 ? [] : queryWords.slice(i, end)
        if (span.length && !span.some((_, k) => used.has(i + k))) {
          span.forEach((_, k) => used.add(i + k))
          if (sections.length) span.forEach((_, k) => signWords.add(i + k))
          sections.forEach((section, k) => leads.push({ section, order, k }))
          const content = span.filter(word => !STOP_WORDS.has(word))
          const known = !stems || !content.length || content.some(word => stems.has(stem(word)))
          for (const word of site) found.push({ word, known })
          for (const word of content) mapped.set(stem(word), site)
        }
      }
    }
    // The lexicon lists its most urgent entries first: when several match, the earliest leads.
    leads.sort((x, y) => x.order - y.order || x.k - y.k)
    for (const { section } of leads) first.add(section)
    const best = new Map()
    for (const { word, known } of found) best.set(word, (best.get(word) ?? true) && known)
    return [...best].map(([word, known]) => ({ word, known }))
  }

  /** Whether the query's words hold `phrase`, not right after a negation ("I'm not pregnant"). */
  function saysPlainly(queryWords, phrase) {
    return queryWords.some((_, i) => !(i > 0 && NEGATIONS.has(queryWords[i - 1])) && phraseEnd(queryWords, i, phrase) > i)
  }

  /** Whether the query's words hold `phrase`, word for word or stem for stem. With `typing`, the
   * last word may be the start of the phrase's word ("magn" on the way to "magnesium"). */
  function holdsPhrase(queryWords, phrase, typing = false) {
    const last = queryWords.length - 1
    return phrase.length > 0 && queryWords.some((_, i) => i + phrase.length <= queryWords.length &&
      phrase.every((word, k) => queryWords[i + k] === word || stem(queryWords[i + k]) === stem(word) ||
        (typing && i + k === last && queryWords[last].length >= 3 && word.startsWith(queryWords[last]))))
  }

  /** The pages the query's intent favours: lexicon entries with `favour` ("how to stop",
   * "remedy" → what to do; "why", "cause" → causes; "worried", "serious" → when to get help).
   * Matched like lay phrases, on every word typed, without using up words for the lexicon. */
  function favoured(queryWords, lexicon) {
    const pages = new Set()
    for (const entry of lexicon || []) {
      if (!(entry.favour || []).length) continue
      if (entry.only_with && !entry.only_with.some(context => saysPlainly(queryWords, words(context)))) continue
      if ((entry.reader || []).some(phrase => holdsPhrase(queryWords, words(phrase))))
        for (const page of entry.favour) pages.add(page)
    }
    return pages
  }

  /** The pages whose topic the query names (`topic` entries: "magnesium", "supplements" →
   * magnesium/), and every page that has a topic at all: a page about one thing ranks lower
   * for a query that never names it ("cramps in your 60s" is not about magnesium, though the
   * magnesium page has a section on older adults). The word being typed counts as its prefix. */
  function topics(queryWords, lexicon, typing) {
    const named = new Set()
    const all = new Set()
    for (const entry of lexicon || []) {
      if (!(entry.topic || []).length) continue
      for (const page of entry.topic) all.add(page)
      if ((entry.reader || []).some(phrase => holdsPhrase(queryWords, words(phrase), typing)))
        for (const page of entry.topic) named.add(page)
    }
    return { named, all }
  }

  /* ------------------------------------------------------------------ the index */

  /** The reader words of a section, each word family once: "statin, statins" is one word to
   * the stemmer, and a family listed twice would count twice. */
  function onceEach(text) {
    const seen = new Set()
    return words(text).filter(word => !seen.has(stem(word)) && seen.add(stem(word))).join(" ")
  }

  const OWN_FIELDS = ["title", "keywords", "text"]
  const ALL_FIELDS = [...OWN_FIELDS, "questions"]
  const DEFAULT_WEIGHTS = { title: 3, keywords: 2, text: 1, expansion: 0.35, coverage: 1.5, page: 0.3, titleMatch: 1.5, rarity: 1, standIn: 0.9, intent: 2, alsoShown: 0.75, shownSections: 2, besideShare: 0.125, offTopic: 0.6, questions: 0.5, k: 1.2, b: 0.7, d: 0.5 }

  /** An engine for the documents of Material's search index (`location`, `title`, `text`,
   * optional `keywords`, `questions` (words readers asked with, ranked below the section's own
   * words) and `boost`), an optional lexicon, and the common words of the language
   * that a misspelling of the site's words could be confused with (never corrected), and the
   * pages and sections of advice on when to get help (`warnings`) that `questions` never move.
   * The pages `apart` (a list of references, say) are searched on their own: their words
   * neither weigh in on the other pages' ranking nor correct the reader's words towards theirs. */
  function createEngine(docs, lexicon, weights, common, warnings, apart) {
    const isApart = doc => (apart || []).includes(doc.location.split("#")[0])
    if (docs.some(isApart)) {
      const engine = createEngine(docs.filter(doc => !isApart(doc)), lexicon, weights, common, warnings)
      engine.apart = createEngine(docs.filter(isApart), [], weights, common)
      return engine
    }
    weights = { ...DEFAULT_WEIGHTS, ...(weights || {}) }
    const records = docs.map((doc, id) => ({
      id,
      location: doc.location,
      page: doc.location.split("#")[0],
      isPage: !doc.location.includes("#"),
      title: plainText(doc.title),
      text: plainText(doc.text),
      keywords: onceEach(plainText(doc.keywords || "")),
      questions: onceEach(doc.questions || ""),
      boost: typeof doc.boost === "number" ? doc.boost : 1,
    }))
    const index = new MiniSearch({
      fields: ALL_FIELDS,
      storeFields: [],
      tokenize: text => words(text),
      processTerm,
      searchOptions: {
        boost: { title: weights.title, keywords: weights.keywords, text: weights.text, questions: weights.questions },
        bm25: { k: weights.k, b: weights.b, d: weights.d },
      },
    })
    index.addAll(records)
    // A page entry weighs less than a section, as its sections say the same thing more exactly;
    // a page without sections has nothing better to offer and weighs in full.
    const sectioned = new Set(records.filter(record => !record.isPage).map(record => record.page))
    for (const record of records) record.pageWeight = record.isPage && sectioned.has(record.page) ? weights.page : 1
    const vocabulary = new Map()
    const stems = new Set()
    const documentFrequency = new Map()
    for (const record of records) {
      const seen = new Set()
      for (const word of words(`${record.title} ${record.keywords} ${record.text}`)) {
        if (STOP_WORDS.has(word) || word.length < 2) continue
        vocabulary.set(word, (vocabulary.get(word) || 0) + 1)
        seen.add(stem(word))
      }
      for (const term of seen) {
        stems.add(term)
        documentFrequency.set(term, (documentFrequency.get(term) || 0) + 1)
      }
      record.titleWords = words(record.title).map(stem)
    }
    for (const entry of lexicon || [])
      for (const phrase of entry.reader || []) for (const word of phraseWords(phrase)) if (word !== SLOT && !vocabulary.has(word)) vocabulary.set(word, 1)
    return { index, records, lexicon: lexicon || [], vocabulary, stems, documentFrequency, weights, common: new Set(common || []),
      warnings: new Set(warnings || []), hasQuestions: records.some(record => record.questions) }
  }

  /* ------------------------------------------------------------------ search */

  /** Results for a query as typed: `items` grouped by page for Material's result list (each
   * group holds its page entry), the words searched (`searched`, after correction), and
   * `corrected` when a misspelt word was replaced.
   * The words readers asked with (`questions`) rank sections by what readers meant, but never
   * move advice on when to get help, up or down: among the first three results, those that
   * show a `warnings` page or section are where the site's own words put them, with the
   * sections those words show, and the questions bring no other in while other results remain.
   * A log of questions knows which page readers meant, not how urgent a reader's sign is:
   * "calf ache" must not learn the clot signs from "sore calf after a 12 hour flight".
   * The pages searched apart follow the others' results, and lead only when the reader typed a
   * word of one of their headings that no other page holds (an author's name, a year) and one
   * of them holds as many of the reader's words as any of the others' first three results: that
   * reader is looking for a source. A word in their text alone ("children" in a publisher's
   * name), or one among many about something else ("clinic"), is not enough. */
  function search(engine, query) {
    const found = searchLogged(engine, query)
    if (!engine.apart) return found
    const other = searchLogged(engine.apart, query)
    const named = words(query).filter(word => word.length > 1 && !STOP_WORDS.has(word)).map(stem)
      .some(term => !engine.stems.has(term) && engine.apart.records.some(record => record.titleWords.includes(term)))
    const reach = result => Math.max(0, ...result.items.slice(0, 3).flat()
      .map(entry => Object.values(entry.terms).filter(Boolean).length))
    return named && reach(other) >= reach(found) ? { ...other, items: [...other.items, ...found.items] }
      : { ...found, items: [...found.items, ...other.items] }
  }

  function searchLogged(engine, query) {
    const own = searchFields(engine, query, OWN_FIELDS)
    if (!engine.hasQuestions) return own
    const asked = searchFields(engine, query, ALL_FIELDS)
    const pageOf = group => group[0].location.split("#")[0]
    const warns = group => showsWarning(engine, group)
    const kept = new Map(own.items.slice(0, 3).map((group, position) => [position, group]).filter(([, group]) => warns(group)))
    const keptPages = new Set([...kept.values()].map(pageOf))
    const rest = asked.items.filter(group => !keptPages.has(pageOf(group)))
    const items = []
    for (let position = 0; position < 3; position++) {
      if (kept.has(position)) items.push(kept.get(position))
      else if (rest.some(group => !warns(group))) items.push(...rest.splice(rest.findIndex(group => !warns(group)), 1))
    }
    return { ...asked, items: [...items, ...rest] }
  }

  /** Whether a result shows (not folds) a section, or is the page, that `warnings` names. */
  function showsWarning(engine, group) {
    const best = group[0].score
    return group.some(entry => entry.score >= best &&
      (engine.warnings.has(entry.location) || engine.warnings.has(entry.location.split("#")[0])))
  }

  /** What `search` finds with the reader's own words looked up in `fields` (the lexicon's
   * words for them only ever in the site's own). */
  function searchFields(engine, query, fields) {
    const typed = words(query)
    const typing = !/\s$/.test(query)
    const meaningful = typed.filter(word => word.length > 1 && !STOP_WORDS.has(word))
    const searched = meaningful.map((word, i) =>
      correct(word, engine.vocabulary, engine.stems, typing && i === meaningful.length - 1 && word === typed[typed.length - 1], engine.common))
    const corrected = searched.some((word, i) => word !== meaningful[i]) ? searched.join(" ") : null
    const lastTyped = typing && meaningful.length && meaningful[meaningful.length - 1] === typed[typed.length - 1]
    const typedCorrected = typed.map(word => meaningful.includes(word) ? searched[meaningful.indexOf(word)] : word)
    const mapped = new Map()
    const first = new Set()
    const signWords = new Set()
    const extra = expansions(typedCorrected, engine.lexicon, engine.stems, mapped, first, signWords).filter(({ word }) => !searched.includes(word))
    if (!searched.length && !extra.length) return { items: [], searched: [], corrected: null }
    // Rare words decide: BM25 already weighs them, but words found in nearly every section
    // ("leg", "cramp") still add up over the title, the reader words and the text.
    const total = engine.records.length
    // A lay word means what the site's word means: "charley horse" is as common a topic as
    // "cramp", however rare the phrase itself is on the site.
    const frequency = term => Math.max(engine.documentFrequency.get(term) || 1,
      ...(mapped.get(term) || []).flatMap(site => words(site).map(w => engine.documentFrequency.get(stem(w)) || 1)))
    const rarityOf = word => Math.log(1 + total / frequency(stem(word))) / Math.log(1 + total)
    const queries = searched.map((word, i) => ({
      queries: [word],
      prefix: lastTyped && i === searched.length - 1 && word.length >= 2,
      boostTerm: () => Math.pow(rarityOf(word), engine.weights.rarity),
      fields,
    }))
    // The site's words for the reader's lay words rank below the reader's own words, unless
    // the site never uses the reader's word ("atorvastatin"): then they stand in for it.
    for (const weight of [engine.weights.expansion, engine.weights.standIn]) {
      const group = extra.filter(({ known }) => (weight === engine.weights.expansion) === known).map(({ word }) => word)
      if (group.length) queries.push({ queries: group, boostTerm: () => weight, fields: OWN_FIELDS })
    }
    const found = engine.index.search({ combineWith: "OR", queries }, {
      boostDocument: id => engine.records[id].boost * engine.records[id].pageWeight,
    })
    if (!found.length && !first.size) return { items: [], searched, corrected }

    // Sections that match more of the reader's own words rank higher, each word counting by how
    // rare it is on the site ("cramp" is everywhere, "dehydration" is not); a section whose
    // title is made of the reader's words ranks higher still.
    const wordStems = searched.length ? searched.map(word => stem(word)) : extra.flatMap(({ word }) => words(word).map(stem))
    const typedStems = words(query).map(word => meaningful.includes(word) ? stem(searched[meaningful.indexOf(word)]) : stem(word))
    const rarity = wordStems.map(ws => Math.log(1 + total / frequency(ws)))
    const allRarity = rarity.reduce((a, b) => a + b, 0) || 1
    const scored = found.map(result => {
      const matchedTerms = Object.keys(result.match)
      const hit = wordStems.map((ws, i) => matchedTerms.some(term =>
        term === ws || (queries[i] && queries[i].prefix && term.startsWith(ws))))
      const coverage = hit.reduce((sum, matched, i) => sum + (matched ? rarity[i] : 0), 0) / allRarity
      const titleMatch = containsPhrase(typedStems, engine.records[result.id].titleWords)
      const score = result.score * (1 + engine.weights.coverage * coverage * coverage) *
        (titleMatch ? engine.weights.titleMatch : 1)
      return { result, coverage, score }
    })
    // What the reader wants to do (prevent, understand, know when to worry) favours a page.
    const favour = favoured(typedCorrected, engine.lexicon)
    for (const entry of scored) if (favour.has(engine.records[entry.result.id].page)) entry.score *= engine.weights.intent
    // A page about one thing (magnesium) ranks lower when the query never names it.
    const topic = topics(typedCorrected, engine.lexicon, typing)
    for (const entry of scored) {
      const page = engine.records[entry.result.id].page
      if (topic.all.has(page) && !topic.named.has(page)) entry.score *= engine.weights.offTopic
    }
    // Sections the lexicon puts first for what the reader typed lead, found or not, in the
    // lexicon's order: each step is worth more than any score found, so it cannot be overturned.
    const top = scored.reduce((max, { score }) => Math.max(max, score), 0) + 1e-9
    const leading = [...first]
    const bestFound = leading.length && scored.length ? scored.reduce((best, entry) => entry.score > best.score ? entry : best) : null
    const inView = bestFound ? engine.records[bestFound.result.id].location : null
    // The reader's words outside the warning phrases, with the site's words for them
    // ("atorvastatin" is a statin).
    const otherWords = typedCorrected.filter((word, i) => !signWords.has(i) && meaningful.includes(word))
      .flatMap(word => [word, ...(mapped.get(stem(word)) || []).flatMap(words)])
    const besideLeads = leading.length ? alongsideSigns(engine, scored, first, otherWords, fields) : new Map()
    leading.forEach((location, position) => {
      const record = engine.records.find(r => r.location === location)
      if (!record) return
      const lead = top * (1 + 2 * (leading.length - 1 - position))
      const found = scored.find(({ result }) => result.id === record.id)
      if (found) found.score += lead
      else scored.push({ result: { id: record.id, score: 0, match: {} }, coverage: 0, score: lead * 1.000001 })
    })
    scored.sort((a, b) => b.score - a.score)

    const groups = new Map()
    for (const { result, score } of scored) {
      const record = engine.records[result.id]
      if (!groups.has(record.page)) groups.set(record.page, [])
      groups.get(record.page).push(item(engine, record, score, result, searched))
    }
    for (const [page, group] of groups) {
      if (!group.some(entry => entry.location === page)) {
        const record = engine.records.find(r => r.location === page)
        if (record) group.push(item(engine, record, 0, null, searched))
      }
      if (inView) keepInView(group, inView, first)
      if (besideLeads.has(page)) keepInView(group, besideLeads.get(page), first)
      showLeads(group, first, engine.weights)
      showAlso(group, page, engine.weights)
    }
    return { items: [...groups.values()], searched, corrected }
  }

  /** Material shows a page's sections that score as high as the page's best result and folds
   * the rest under "more on this page". A section almost as good as the best (`alsoShown` of
   * its score) is shown beside it, up to `shownSections` in all, by giving it the best score:
   * the reader sees "Night cramps" and "Stretching" without unfolding. The order stays. */
  function showAlso(group, page, weights) {
    const best = group[0].score
    let shown = 0
    for (const entry of group) {
      if (entry.location === page) continue
      if (entry.score < best * weights.alsoShown || shown >= weights.shownSections) break
      entry.score = Math.max(entry.score, best)
      shown++
    }
  }

  /** For each page holding a section the lexicon puts first: its section that best answers the
   * reader's words outside the warning phrase, when it answers a word none of the leading
   * sections does. "Statin cramp won't stop" leads to the same-day signs and still shows the
   * statin advice beside them, which "won't stop" alone would have outranked. */
  function alongsideSigns(engine, scored, leads, otherWords, fields) {
    const beside = new Map()
    if (!otherWords.length) return beside
    const leadPages = new Set([...leads].map(location => location.split("#")[0]))
    const leadTerms = new Set(scored.filter(({ result }) => leads.has(engine.records[result.id].location))
      .flatMap(({ result }) => Object.keys(result.match)))
    // A word tells a section apart when the section lists it among its reader words and few
    // sections use it: "statin" does, "muscle" or "serious" (said in passing) do not.
    const telling = (term, fields) => !leadTerms.has(term) && fields.includes("keywords") &&
      (engine.documentFrequency.get(term) || 0) <= engine.records.length * engine.weights.besideShare
    const found = engine.index.search({ combineWith: "OR", queries: otherWords.map(word => ({ queries: [word] })), fields }, {
      filter: result => leadPages.has(engine.records[result.id].page) && !leads.has(engine.records[result.id].location) &&
        !engine.records[result.id].isPage && Object.entries(result.match).some(([term, fields]) => telling(term, fields)),
    })
    for (const result of found) {
      const { page, location } = engine.records[result.id]
      if (!beside.has(page)) beside.set(page, location)
    }
    return beside
  }

  /** Every section the lexicon puts first is shown, not folded under "more on this page", up
   * to `shownSections` beside the first: "calf cramp won't stop" shows the same-day signs and
   * the blood clot signs. */
  function showLeads(group, leads, weights) {
    let shown = 0
    for (const entry of group.slice(1)) {
      if (!leads.has(entry.location) || shown >= weights.shownSections) break
      entry.score = group[0].score
      shown++
    }
  }

  /** When the lexicon puts sections first, the section that the reader's own words found best
   * stays in view beside them, right after them: "twitching won't go away" leads to the
   * same-day signs and still shows "see a doctor straight away", which names twitching. */
  function keepInView(group, location, leads) {
    if (!leads.has(group[0].location) || leads.has(location)) return
    const index = group.findIndex(entry => entry.location === location)
    if (index < 0) return
    const [entry] = group.splice(index, 1)
    let after = 0
    while (after < group.length && leads.has(group[after].location)) after++
    entry.score = group[0].score
    group.splice(after, 0, entry)
  }

  /** Whether `phrase` (a heading's words) appears whole, in order, in `sequence` (the query's
   * words, stop words included): "what is a cramp" names the section "What is a cramp?". */
  function containsPhrase(sequence, phrase) {
    if (!phrase.length || !phrase.some(term => !STOP_WORDS.has(term))) return false
    for (let i = 0; i + phrase.length <= sequence.length; i++)
      if (phrase.every((term, k) => sequence[i + k] === term)) return true
    return false
  }

  /** One result as Material renders it: title and text as HTML, with the matched words marked. */
  function item(engine, record, score, result, searched) {
    const matched = new Set(result ? Object.keys(result.match) : [])
    const prefixes = [...matched]
    const isMatch = word => matched.has(stem(word)) || prefixes.some(term => stem(word).startsWith(term) && term.length >= 3)
    const terms = {}
    for (const word of searched) terms[word] = result ? isMatch(word) || [...matched].some(t => t.startsWith(stem(word))) : false
    return {
      location: record.location,
      title: mark(record.title, isMatch, Infinity),
      text: mark(record.text, isMatch, 320),
      score,
      terms,
    }
  }

  /** Escaped text with <mark> around matched words; long text is cut to a window that starts
   * shortly before the first match. */
  function mark(text, isMatch, length) {
    let start = 0
    if (text.length > length) {
      const first = [...text.matchAll(/[A-Za-z0-9\u00C0-\u024F]+/g)].find(m => isMatch(m[0].toLowerCase()))
      start = first ? Math.max(0, text.lastIndexOf(" ", Math.max(0, first.index - 60)) + 1) : 0
    }
    let shown = text.slice(start, start + length)
    if (start + length < text.length) shown = shown.replace(/\s+\S*$/, "") + " …"
    if (start > 0) shown = "… " + shown
    let html = ""
    let last = 0
    for (const m of shown.matchAll(/[A-Za-z0-9\u00C0-\u024F]+/g)) {
      if (!isMatch(m[0].toLowerCase())) continue
      html += escapeHTML(shown.slice(last, m.index)) + "<mark>" + escapeHTML(m[0]) + "</mark>"
      last = m.index + m[0].length
    }
    return html + escapeHTML(shown.slice(last))
  }

  return { createEngine, search, stem, words, contentWords, correct, distance, durationAt, expansions, favoured, topics, keepInView, plainText, escapeHTML, STOP_WORDS, DEFAULT_WEIGHTS }
})
