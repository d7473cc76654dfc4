// Self-check quizzes rendered by hooks/quiz.py. Without this script every answer sits behind a
// "Show the answer" disclosure; with it, a reader checks each answer, hears the verdict and
// the explanation through a live region, and finds their answers again on return.
(() => {
  if (window.quizEnhancer) return // the script is re-inserted on instant navigation
  window.quizEnhancer = true

  // The site's words (hooks/strings/, in the page as JSON): say("key", { name: value }).
  const WORDS = JSON.parse(document.getElementById("site-strings")?.textContent || "{}").text || {}
  const say = (key, values = {}) => (WORDS[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""))

  const PREFIX = "quiz:v1:"
  const store = (() => {
    try {
      const probe = PREFIX + "probe"
      localStorage.setItem(probe, probe)
      localStorage.removeItem(probe)
      return localStorage
    } catch {
      return null // storage blocked: the quiz works, it just forgets
    }
  })()
  const load = id => { try { return JSON.parse(store?.getItem(PREFIX + id) ?? "null") } catch { return null } }
  const save = (id, value) => { try { store?.setItem(PREFIX + id, JSON.stringify(value)) } catch {} }
  const forget = id => { try { store?.removeItem(PREFIX + id) } catch {} }

  const inputs = question => [...question.querySelectorAll(".quiz__options input")]
  const chosen = question => inputs(question).filter(input => input.checked).map(input => input.value)
  const rightValues = question => [...question.querySelectorAll(".quiz__option[data-correct] input")].map(i => i.value)
  const isRight = question => {
    const picked = chosen(question), right = rightValues(question)
    return picked.length === right.length && right.every(value => picked.includes(value))
  }

  // Fill a live region; `quietly` skips the announcement (restoring answers on page load).
  function announce(region, build, quietly) {
    if (quietly) region.setAttribute("aria-live", "off")
    region.replaceChildren(...build())
    if (quietly) setTimeout(() => region.setAttribute("aria-live", "polite"), 0)
  }

  function element(tag, className, text) {
    const node = document.createElement(tag)
    if (className) node.className = className
    if (text) node.textContent = text
    return node
  }

  function markOptions(question) {
    for (const option of question.querySelectorAll(".quiz__option")) {
      option.querySelector(".quiz__mark")?.remove()
      const input = option.querySelector("input")
      const right = option.hasAttribute("data-correct")
      const state = right ? "right" : input.checked ? "wrong" : ""
      option.dataset.state = state
      if (!state) continue
      const text = right ? (input.checked ? say("quiz_your_right") : say("quiz_right")) : say("quiz_your_wrong")
      const mark = element("span", "quiz__mark")
      mark.append(element("span", "quiz__icon", right ? "✓" : "✗"), " " + text)
      mark.firstChild.setAttribute("aria-hidden", "true")
      option.querySelector("label").append(mark)
    }
  }

  function showResult(question, quietly) {
    const right = isRight(question)
    const answer = question.querySelector(".quiz__answer").cloneNode(true)
    answer.querySelectorAll("[id]").forEach(node => node.removeAttribute("id"))
    answer.querySelector("summary").remove()
    announce(question.querySelector(".quiz__feedback"), () => {
      const verdict = element("p", "quiz__verdict")
      verdict.append(element("span", "quiz__icon", right ? "✓" : "✗"), element("strong", "", right ? say("quiz_verdict_right") : say("quiz_verdict_wrong")))
      verdict.firstChild.setAttribute("aria-hidden", "true")
      return [verdict, ...answer.childNodes]
    }, quietly)
    question.dataset.result = right ? "right" : "wrong"
    inputs(question).forEach(input => { input.disabled = true })
    markOptions(question)
    question.querySelector(".quiz__check").textContent = say("quiz_try_again")
  }

  function clear(question) {
    inputs(question).forEach(input => { input.disabled = false; input.checked = false })
    question.querySelectorAll(".quiz__mark").forEach(mark => mark.remove())
    question.querySelectorAll(".quiz__option").forEach(option => { delete option.dataset.state })
    question.querySelector(".quiz__feedback").replaceChildren()
    delete question.dataset.result
    question.querySelector(".quiz__check").textContent = say("quiz_check")
  }

  function updateScore(quiz, quietly, note = "") {
    const questions = [...quiz.querySelectorAll(".quiz__question")]
    const answered = questions.filter(q => q.dataset.result)
    const right = answered.filter(q => q.dataset.result === "right").length
    const text = answered.length
      ? say("quiz_score", { right, total: questions.length, answered: answered.length })
      : say("quiz_score_none", { total: questions.length })
    announce(quiz.querySelector(".quiz__score"), () => [note ? `${note} ${text}` : text], quietly)
  }

  function setupQuestion(quiz, question) {
    const button = question.querySelector(".quiz__check")
    button.hidden = false
    question.querySelector(".quiz__options").addEventListener("change", () => {
      save(question.id, { chosen: chosen(question), checked: false })
    })
    button.addEventListener("click", () => {
      if (question.dataset.result) {
        clear(question)
        forget(question.id)
        updateScore(quiz, true)
        inputs(question)[0].focus()
        return
      }
      if (!chosen(question).length) {
        announce(question.querySelector(".quiz__feedback"), () => [element("p", "quiz__verdict", say("quiz_choose_first"))])
        return
      }
      showResult(question)
      save(question.id, { chosen: chosen(question), checked: true })
      updateScore(quiz, true)
    })
    const saved = load(question.id)
    if (saved) {
      inputs(question).forEach(input => { input.checked = saved.chosen?.includes(input.value) ?? false })
      if (saved.checked && chosen(question).length) showResult(question, true)
    }
  }

  // Long quizzes are set up a few questions at a time, yielding to the browser in between, so
  // that no single task blocks input (the review quiz has every question of the site). A slice
  // stays under 8 ms, which is still under 50 ms on a phone four times slower than a laptop.
  const SLICE_MS = 8
  const nextTask = () => new Promise(resolve => setTimeout(resolve, 0))

  async function setup(quiz) {
    if (quiz.classList.contains("quiz--js")) return
    quiz.classList.add("quiz--js")
    const questions = [...quiz.querySelectorAll(".quiz__question")]
    let started = performance.now()
    for (const question of questions) {
      setupQuestion(quiz, question)
      if (performance.now() - started > SLICE_MS) {
        await nextTask()
        started = performance.now()
      }
    }
    const summary = quiz.querySelector(".quiz__summary")
    summary.hidden = false
    summary.querySelector(".quiz__reset").addEventListener("click", () => {
      questions.forEach(question => { clear(question); forget(question.id) })
      updateScore(quiz, false, say("quiz_cleared"))
      inputs(questions[0])[0].focus()
    })
    updateScore(quiz, true)
    quiz.dataset.ready = ""
  }

  // Print shows every answer: open the disclosures, then put them back as they were.
  let opened = []
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll(".quiz__answer:not([open])")]
    opened.forEach(details => { details.open = true })
  })
  window.addEventListener("afterprint", () => opened.forEach(details => { details.open = false }))

  // A quiz sits at the end of its page: set it up when it comes near the screen, so that the
  // work never competes with the page's first paint.
  const nearby = "IntersectionObserver" in window ? new IntersectionObserver(entries => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        nearby.unobserve(entry.target)
        setup(entry.target)
      }
    }
  }, { rootMargin: "100% 0px" }) : null
  const setupAll = () => document.querySelectorAll(".quiz").forEach(quiz => nearby ? nearby.observe(quiz) : setup(quiz))
  // Material's bundle is deferred like this script but comes after it, so on a first load its
  // document$ (which also fires after instant navigation) exists only once parsing is done.
  const start = () => window.document$ ? window.document$.subscribe(setupAll) : setupAll()
  if (window.document$ || document.readyState === "complete") start()
  else document.addEventListener("DOMContentLoaded", start, { once: true })
})()
