"use strict";
(function () {
  const form = document.getElementById("start");
  const error = document.getElementById("form-error");
  const stateEl = document.getElementById("state");
  const reasonEl = document.getElementById("reason");
  const reasons = {
    uscc_mismatch: "单位名称或统一社会信用代码不一致 (the code does not match the credential)",
    name_mismatch: "单位名称或统一社会信用代码不一致 (the name does not match the credential)",
    not_granted: "the operator holds no grant of the credential for this account",
    expired: "the QR code expired; start again",
    denied: "the operator declined",
  };

  fetch("/platform.json").then(r => r.json()).then(p => { document.getElementById("platform").textContent = "(" + p.platform + ")"; });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    const data = Object.fromEntries(new FormData(form));
    const response = await fetch("/challenges", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ accountId: data.accountId, uscc: data.uscc, name: data.name }),
    });
    const body = await response.json();
    if (!response.ok) {
      error.textContent = (body.field ? body.field + ": " : "") + (body.detail || response.statusText);
      return;
    }
    document.getElementById("challenge").hidden = false;
    document.getElementById("qr").src = "/challenges/" + encodeURIComponent(body.id) + "/qr.png";
    document.getElementById("display-code").textContent = body.displayCode;
    document.getElementById("request-url").textContent = body.url;
    poll(body, data);
  });

  async function poll(challenge, data) {
    const response = await fetch("/challenges/" + encodeURIComponent(challenge.id) + "/status", { headers: { "X-Poll-Token": challenge.pollToken } });
    if (!response.ok) { stateEl.textContent = "unknown"; return; }
    const status = await response.json();
    stateEl.textContent = status.state;
    reasonEl.textContent = status.reason ? "— " + (reasons[status.reason] || status.reason) : "";
    if (status.state === "Approved") {
      const attached = await fetch("/accounts/" + encodeURIComponent(data.accountId) + "/attach", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ challengeId: challenge.id, pollToken: challenge.pollToken, accountName: data.accountName }),
      });
      const result = await attached.json();
      if (attached.ok) { window.location.href = result.profile; } else { reasonEl.textContent = "— " + (result.detail || attached.statusText); }
      return;
    }
    if (status.state === "Pending" || status.state === "Scanned") {
      setTimeout(() => poll(challenge, data), 1000);
    }
  }
})();
