// Private checklists rendered by hooks/checklist.py. Without this script the form prints as a
// checklist with room to write. With it, a ticked warning sign says at once what to do, and the
// reader can print a one-page summary of their answers or copy it as text. Nothing leaves the
// device; answers are stored (localStorage) only while "Keep my answers" is ticked.
(() => {
  if (window.checklistEnhancer) return // the script is re-inserted on instant navigation
  window.checklistEnhancer = true

  // The site's words (hooks/strings/, in the page as JSON): say("key", { name: value }).
  const WORDS = JSON.parse(document.getElementById("site-strings")?.textContent || "{}").text || {}
  const say = (key, values = {}) => (WORDS[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""))

  const PREFIX = "checklist:v1:"
  const storage = {
    load(key) { try { return JSON.parse(localStorage.getItem(PREFIX + key) ?? "null") } catch { return null } },
    save(key, value) { try { localStorage.setItem(PREFIX + key, JSON.stringify(value)); return true } catch { return false } },
    forget(key) { try { localStorage.removeItem(PREFIX + key) } catch {} },
  }

  // Text without citation numbers, as a reader would say it.
  const plain = element => {
    const copy = element.cloneNode(true)
    copy.querySelectorAll("sup").forEach(sup => sup.remove())
    return copy.textContent.replace(/\s+/g, " ").replace(/\s+([.,;:])/g, "$1").trim()
  }
  const labelOf = input => plain(input.labels[0])

  function answers(form) {
    const groups = []
    for (const group of form.querySelectorAll(".checklist__group")) {
      const items = []
      for (const field of group.querySelectorAll("[data-field]")) {
        const kind = field.dataset.kind
        if (kind === "choices") {
          const ticked = [...field.querySelectorAll("input:checked")].map(labelOf)
          if (ticked.length) items.push({ question: plain(field.querySelector("legend")), answer: ticked.join("; ") })
        } else if (kind === "text") {
          const value = field.querySelector("textarea").value.trim()
          if (value) items.push({ question: labelOf(field.querySelector("textarea")), answer: value })
        } else if (field.querySelector("input").checked) {
          items.push({ question: labelOf(field.querySelector("input")), answer: plain(field.querySelector(".checklist__act")) })
        }
      }
      if (items.length) groups.push({ legend: plain(group.querySelector("legend")), items })
    }
    return groups
  }

  function heading(form) {
    const site = document.querySelector('meta[property="og:site_name"]')?.content || document.title
    const date = new Date().toLocaleDateString(document.documentElement.lang || "en", { day: "numeric", month: "long", year: "numeric" })
    const notice = document.querySelector(".site-notice")
    return { title: form.dataset.title, site, date, url: location.origin + location.pathname,
             notice: notice ? plain(notice) : "" }
  }

  function asText(form) {
    const head = heading(form)
    const lines = [head.title, `${head.site}, ${head.date}`, head.url, ""]
    for (const group of answers(form)) {
      lines.push(group.legend.toUpperCase())
      for (const item of group.items) lines.push(`- ${item.question}`, `  ${item.answer.replace(/\n/g, "\n  ")}`)
      lines.push("")
    }
    if (head.notice) lines.push(head.notice)
    return lines.join("\n")
  }

  // The page that prints: the summary alone (assets/checklist.css hides the rest on paper).
  function summaryFor(form) {
    const head = heading(form)
    const section = document.createElement("section")
    section.className = "checklist-summary"
    const add = (parent, tag, text) => { const node = document.createElement(tag); node.textContent = text; parent.append(node); return node }
    add(section, "h1", head.title)
    add(section, "p", `${head.site}, ${head.date}`)
    add(section, "p", head.url)
    for (const group of answers(form)) {
      add(section, "h2", group.legend)
      const list = add(section, "dl", "")
      for (const item of group.items) {
        add(list, "dt", item.question)
        add(list, "dd", item.answer)
      }
    }
    if (head.notice) add(section, "p", head.notice).className = "checklist-summary__notice"
    return section
  }

  function setup(form) {
    if (form.dataset.ready) return
    form.dataset.ready = "true"
    const key = location.pathname + "#" + form.id
    const alert = form.querySelector(".checklist__alert")
    const status = document.createElement("p")
    status.className = "checklist__status"
    status.setAttribute("role", "status")

    const actions = document.createElement("div")
    actions.className = "checklist__actions"
    const keep = Object.assign(document.createElement("input"), { type: "checkbox", id: `${form.id}-keep` })
    const keepLabel = Object.assign(document.createElement("label"), { htmlFor: keep.id, textContent: say("checklist_keep") })
    const keepBox = document.createElement("div")
    keepBox.className = "checklist__choice"
    keepBox.append(keep, " ", keepLabel)
    const button = (text, primary) => Object.assign(document.createElement("button"), {
      type: "button", textContent: text, className: primary ? "md-button md-button--primary" : "md-button" })
    const print = button(say("checklist_print"), true), copy = button(say("checklist_copy")), clear = button(say("checklist_clear"))
    actions.append(keepBox, print, copy, clear, status)
    form.append(actions)

    const warnings = [...form.querySelectorAll(".checklist__warning")]
    const showWarning = (warning, announce) => {
      const input = warning.querySelector("input"), act = warning.querySelector(".checklist__act")
      act.hidden = !input.checked
      if (announce && input.checked) alert.textContent = `${labelOf(input)}: ${plain(act)}`
      if (announce && !input.checked && !warnings.some(w => w.querySelector("input").checked)) alert.textContent = ""
    }

    const values = () => Object.fromEntries([...form.querySelectorAll("input[name], textarea[name]")].map(field =>
      [field.id, field.type === "checkbox" ? field.checked : field.value]))
    const restore = saved => {
      for (const [id, value] of Object.entries(saved || {})) {
        const field = document.getElementById(id)
        if (!field || !form.contains(field)) continue
        if (field.type === "checkbox") field.checked = value === true
        else field.value = String(value)
      }
    }
    const remember = () => { if (keep.checked && !storage.save(key, values())) status.textContent = say("checklist_cannot_keep") }

    const saved = storage.load(key)
    if (saved) { restore(saved); keep.checked = true }
    warnings.forEach(warning => showWarning(warning, false))

    form.addEventListener("submit", event => event.preventDefault())
    form.addEventListener("change", event => {
      if (event.target === keep) {
        if (keep.checked) { remember(); status.textContent = say("checklist_kept") }
        else { storage.forget(key); status.textContent = say("checklist_not_kept") }
        return
      }
      const warning = event.target.closest(".checklist__warning")
      if (warning) showWarning(warning, true)
      remember()
    })
    form.addEventListener("input", event => { if (event.target.tagName === "TEXTAREA") remember() })

    print.addEventListener("click", () => {
      document.querySelectorAll(".checklist-summary").forEach(old => old.remove())
      form.closest("article")?.append(summaryFor(form))
      document.body.classList.add("checklist-printing")
      window.addEventListener("afterprint", () => document.body.classList.remove("checklist-printing"), { once: true })
      window.print()
    })
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(asText(form))
        status.textContent = say("checklist_copied")
      } catch {
        status.textContent = say("checklist_copy_failed")
      }
    })
    clear.addEventListener("click", () => {
      form.querySelectorAll("input[type=checkbox]").forEach(input => { input.checked = false })
      form.querySelectorAll("textarea").forEach(area => { area.value = "" })
      keep.checked = false
      storage.forget(key)
      warnings.forEach(warning => showWarning(warning, false))
      alert.textContent = ""
      status.textContent = say("checklist_cleared")
    })
  }

  const setupAll = () => document.querySelectorAll("form.checklist").forEach(setup)
  const start = () => window.document$ ? window.document$.subscribe(setupAll) : setupAll()
  if (window.document$ || document.readyState === "complete") start()
  else document.addEventListener("DOMContentLoaded", start, { once: true })
})()
