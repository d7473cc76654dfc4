// "Copy link" buttons: one beside every H2 and H3 of an article, and one per row of the
// section-links page. A button copies the section's full public URL (the page's canonical URL
// plus the section id) and confirms it in a live region, so screen readers hear it too.
(() => {
  if (window.shareLinks) return
  window.shareLinks = true

  // The site's words (hooks/strings/, in the page as JSON): say("key", { name: value }).
  const WORDS = JSON.parse(document.getElementById("site-strings")?.textContent || "{}").text || {}
  const say = (key, values = {}) => (WORDS[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""))

  // Material Design Icons "link" (Apache License 2.0), as Material itself uses.
  const LINK_ICON = '<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="18" height="18">' +
    '<path fill="currentColor" d="M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7a5 5 0 0 0-5 5 5 5 0 0 0 5 5h4v-1.9H7' +
    'c-1.71 0-3.1-1.39-3.1-3.1M8 13h8v-2H8zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4a5 5 0 ' +
    '0 0 5-5 5 5 0 0 0-5-5"/></svg>'

  function status() {
    let region = document.getElementById("copy-status")
    if (!region) {
      region = document.createElement("p")
      region.id = "copy-status"
      region.className = "md-visually-hidden"
      region.setAttribute("role", "status")
      document.body.append(region)
    }
    return region
  }

  async function copy(button, url) {
    let message
    try {
      await navigator.clipboard.writeText(url)
      message = say("share_copied", { url })
      button.dataset.copied = ""
      setTimeout(() => { delete button.dataset.copied }, 2000)
    } catch {
      message = say("share_failed", { url })
    }
    status().textContent = message
  }

  function pageUrl() {
    const canonical = document.querySelector("link[rel=canonical]")
    return canonical ? canonical.href.split("#")[0] : location.origin + location.pathname
  }

  function addHeadingButtons(article) {
    for (const heading of article.querySelectorAll(":scope > h2[id], :scope > h3[id]")) {
      if (heading.parentElement.classList.contains("heading-row")) continue
      const row = document.createElement("div")
      row.className = "heading-row"
      heading.replaceWith(row)
      const button = document.createElement("button")
      button.type = "button"
      button.className = "copy-link"
      button.setAttribute("aria-label", say("share_copy_section", { title: heading.textContent.replace("¶", "").trim() }))
      button.innerHTML = LINK_ICON
      button.addEventListener("click", () => copy(button, pageUrl() + "#" + heading.id))
      row.append(heading, button)
    }
  }

  function setup() {
    const article = document.querySelector("article.md-content__inner")
    if (!article) return
    addHeadingButtons(article)
    for (const button of article.querySelectorAll("button[data-copy]")) {
      if (button.dataset.ready === undefined) {
        button.dataset.ready = ""
        button.addEventListener("click", () => copy(button, button.dataset.copy))
      }
    }
  }

  if (window.document$) window.document$.subscribe(setup)
  else document.addEventListener("DOMContentLoaded", setup)
})()

// On paper a link is only useful with its address: before printing, give every link in the
// text its absolute URL for the print stylesheet to show.
window.addEventListener("beforeprint", () => {
  for (const link of document.querySelectorAll("article a[href]:not(.headerlink):not(.footnote-ref):not(.footnote-backref)")) {
    link.dataset.printUrl = link.href
  }
})
