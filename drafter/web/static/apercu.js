// Live preview: the form is posted to the server, which renders the sentence with drafter's
// own code; nothing about entries is computed here.
const form = document.getElementById("entree");
let timer = null;
async function refresh() {
  const response = await fetch(form.dataset.apercu, { method: "POST", body: new FormData(form) });
  if (!response.ok) return;
  const data = await response.json();
  document.getElementById("apercu").innerHTML = data.apercu;
  for (const box of form.querySelectorAll("[data-problemes-de]")) {
    const key = box.dataset.problemesDe;
    box.innerHTML = key === "" ? data.general : (data.champs[key] || "");
  }
}
form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(refresh, 150); });
