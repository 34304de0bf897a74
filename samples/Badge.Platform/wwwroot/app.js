"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const reasons = {
    uscc_mismatch: "单位名称或统一社会信用代码不一致 (the code does not match the credential)",
    name_mismatch: "单位名称或统一社会信用代码不一致 (the name does not match the credential)",
    not_granted: "the operator holds no grant of the credential for this account",
    expired: "the QR code expired; show a new one",
    denied: "the operator declined",
  };
  // Who acts in a step, as the manual names them.
  const actors = {
    Operator: "账号管理员",
    Administrator: "第一管理责任人或者管理人",
    ContactPerson: "认证联系人",
    Platform: "平台",
    Authority: "中央编办域名服务中心",
  };
  let platform = null;
  let form = null;
  let current = null;

  async function call(url, body) {
    const response = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) { throw new Error((json.field ? json.field + ": " : "") + (json.detail || response.statusText)); }
    return json;
  }

  function flowOf(variant) { return platform.variants.find((v) => v.variant === variant); }

  function renderConfirmations() {
    const box = $("confirmations");
    box.textContent = "";
    for (const p of flowOf($("variant").value).prerequisites) {
      const label = document.createElement("label");
      if (p.kind === "OperatorConfirms") {
        const input = document.createElement("input");
        input.type = "checkbox"; input.name = "confirmed"; input.value = p.id;
        label.append(input, " " + p.titleZh);
      } else {
        label.textContent = "前提：" + p.titleZh + " (" + p.titleEn + ")";
      }
      box.append(label);
    }
  }

  function render(c) {
    current = c;
    $("certification").hidden = false;
    $("certification-id").textContent = c.id;
    $("state").textContent = c.state;
    $("reason").textContent = c.reason || "";
    const list = $("steps");
    list.textContent = "";
    const next = c.state === "InProgress" ? c.flow.steps[c.completedSteps.length] : null;
    for (const step of c.flow.steps) {
      const item = document.createElement("li");
      const done = c.completedSteps.includes(step.id);
      item.className = done ? "done" : (next && next.id === step.id ? "next" : "");
      item.dataset.step = step.id;
      // The manual's words first: the step's title, then what the manual tells the operator to do.
      const title = document.createElement("strong");
      title.className = "step-title";
      title.textContent = "第" + step.number + "步 " + step.titleZh;
      item.append(title);
      if (step.instructionZh) {
        const instruction = document.createElement("p");
        instruction.className = "step-instruction";
        instruction.textContent = step.instructionZh;
        item.append(instruction);
      }
      const meta = document.createElement("small");
      meta.className = "step-meta";
      meta.textContent = (actors[step.actor] || step.actor) + " · " + step.titleEn + (step.needs !== "None" ? " · needs " + step.needs : "");
      item.append(meta);
      if (next && next.id === step.id && step.needs.includes("ContactScan")) {
        // 认证联系人信息: filled in by the operator below; the contact scans the QR with their own phone.
      } else if (next && next.id === step.id && step.identity === "None") {
        const button = document.createElement("button");
        button.type = "button"; button.textContent = "Done (" + step.actor + ")";
        button.addEventListener("click", () => complete(step));
        item.append(" ", button);
      }
      list.append(item);
    }
    $("current-step").hidden = !next;
    if (next) {
      $("current-step-title").textContent = "第" + next.number + "步 " + next.titleZh;
      $("current-step-instruction").textContent = next.instructionZh || "";
      $("current-step-actor").textContent = actors[next.actor] || next.actor;
    }
    const contactStep = next && next.needs.includes("ContactScan") ? next : null;
    $("contact").hidden = !contactStep;
    if (!contactStep) { $("contact-qr-box").hidden = true; contactFor = null; }
    $("identity").hidden = !(next && next.identity !== "None");
    if (next && next.identity !== "None") { showChallenge(next); }
    $("review").hidden = c.state !== "AwaitingReview";
    $("resume").hidden = c.state !== "Rejected";
    if (c.state === "Rejected") {
      $("resume-step").textContent = "";
      for (const step of c.flow.steps) { $("resume-step").append(new Option(step.number + " " + step.id, step.id)); }
    }
    $("profile").hidden = c.state !== "Completed";
    $("profile-link").href = "/accounts/" + encodeURIComponent(c.accountId);
  }

  async function complete(step, challengeId) {
    try {
      render(await call("/certifications/" + encodeURIComponent(current.id) + "/steps/" + step.id, {
        actor: step.actor, actorId: form.operatorId, uscc: form.uscc, institutionName: form.name,
        agreementAccepted: step.needs.includes("Agreement"), contactName: "联系人", nickname: form.accountName,
        invoiceTitle: form.name, feeReference: step.needs.includes("Fee") ? "pay-" + Date.now() : null, challengeId: challengeId || null,
      }));
    } catch (e) { $("reason").textContent = e.message; }
  }

  let contactFor = null;
  $("contact-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("contact-error").textContent = "";
    const data = Object.fromEntries(new FormData(event.target));
    try {
      const shown = await call("/certifications/" + encodeURIComponent(current.id) + "/contact", data);
      contactFor = current.id;
      $("contact-qr").src = shown.qr + "?t=" + Date.now();
      $("contact-url").textContent = shown.url;
      $("contact-state").textContent = "等待联系人扫码";
      $("contact-next").disabled = true;
      $("contact-qr-box").hidden = false;
      pollContact(current.id);
    } catch (e) { $("contact-error").textContent = e.message; }
  });
  async function pollContact(id) {
    if (contactFor !== id) { return; }
    const response = await fetch("/certifications/" + encodeURIComponent(id) + "/contact");
    if (response.ok && (await response.json()).scanned) {
      $("contact-state").textContent = "联系人已验证";
      $("contact-next").disabled = false;
      return;
    }
    setTimeout(() => pollContact(id), 1000);
  }
  $("contact-next").addEventListener("click", () => {
    const step = current.flow.steps[current.completedSteps.length];
    complete(step);
  });

  let shownFor = null;
  async function showChallenge(step) {
    if (shownFor === current.id + step.id) { return; }
    shownFor = current.id + step.id;
    const challenge = await call("/challenges", { accountId: current.accountId, uscc: current.uscc, name: current.name });
    $("qr").src = "/challenges/" + encodeURIComponent(challenge.id) + "/qr.png";
    $("display-code").textContent = challenge.displayCode;
    $("request-url").textContent = challenge.url;
    // The phone channel: the platform's app opens the credential app with the same request (no QR to scan).
    $("deep-link-box").hidden = step.identity !== "DeepLink";
    $("deep-link").href = "badge-credential://scan?request=" + encodeURIComponent(challenge.url);
    poll(challenge, step);
  }

  async function poll(challenge, step) {
    const response = await fetch("/challenges/" + encodeURIComponent(challenge.id) + "/status", { headers: { "X-Poll-Token": challenge.pollToken } });
    if (!response.ok) { return; }
    const status = await response.json();
    $("challenge-state").textContent = status.state;
    $("challenge-reason").textContent = status.reason ? "— " + (reasons[status.reason] || status.reason) : "";
    if (status.state === "Approved") { shownFor = null; await complete(step, challenge.id); return; }
    if (status.state === "Pending" || status.state === "Scanned") { setTimeout(() => poll(challenge, step), 1000); } else { shownFor = null; }
  }

  $("approve").addEventListener("click", async () => {
    try { render(await call("/certifications/" + encodeURIComponent(current.id) + "/review", { approved: true, reviewerId: "reviewer-1" })); } catch (e) { $("reason").textContent = e.message; }
  });
  $("reject").addEventListener("click", async () => {
    try { render(await call("/certifications/" + encodeURIComponent(current.id) + "/review", { approved: false, reason: $("reject-reason").value })); } catch (e) { $("reason").textContent = e.message; }
  });
  $("resume-button").addEventListener("click", async () => {
    try { render(await call("/certifications/" + encodeURIComponent(current.id) + "/resume", { stepId: $("resume-step").value })); } catch (e) { $("reason").textContent = e.message; }
  });

  $("start").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("form-error").textContent = "";
    const data = new FormData(event.target);
    form = Object.fromEntries(data);
    try {
      render(await call("/certifications", { ...form, confirmed: data.getAll("confirmed") }));
    } catch (e) { $("form-error").textContent = e.message; }
  });

  // The census route: the platform records whom it verified an account for, then receives the authority's
  // attachment requests and attaches the badges where the two agree (代为加注).
  $("verified-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("census-error").textContent = "";
    const data = Object.fromEntries(new FormData(event.target));
    const response = await fetch("/verified-accounts", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });
    if (!response.ok) {
      const problem = await response.json();
      $("census-error").textContent = (problem.field ? problem.field + ": " : "") + (problem.detail || response.statusText);
      return;
    }
    $("verified-state").textContent = "已记录 " + data.accountId;
  });
  $("census-attach").addEventListener("click", async () => {
    $("census-error").textContent = "";
    try {
      const attached = await call("/census/attach", {});
      const list = $("census-attached");
      list.textContent = "";
      for (const a of attached) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = a.profile; link.textContent = a.accountId;
        item.append(link, " — 已代为加注 " + a.badgeId);
        list.append(item);
      }
      if (attached.length === 0) { list.textContent = "没有待处理的加注请求 (no requests waiting)"; }
    } catch (e) { $("census-error").textContent = e.message; }
  });

  call("/platform.json").then((p) => {
    platform = p;
    $("platform").textContent = "(" + p.displayName + ", " + p.platform + ")";
    for (const v of p.variants) { $("variant").append(new Option(v.variant + " — " + v.steps.length + " steps", v.variant)); }
    $("census").hidden = !p.variants.some((v) => v.attachment === "FromCensusRecord");
    $("variant").addEventListener("change", renderConfirmations);
    renderConfirmations();
  });
})();
