/* lpdesk on a participant's phone. Plain JavaScript, no framework, nothing from the
   internet. Every text that came from the session or a participant goes in with
   textContent, never as markup. The phone remembers its token (localStorage) so a reload, a
   locked screen or a dropped Wi-Fi connection comes back as the same participant. */
"use strict";
(function () {
  var KEY = "lpdesk:" + location.host;
  var saved = {};
  try { saved = JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { saved = {}; }
  var fromLink = (location.hash || "").replace(/^#/, "").replace(/[\s-]/g, "").toUpperCase();
  var state = {
    code: fromLink || saved.code || "", token: saved.token || null, ws: null, seq: 0,
    welcome: null, room: null, people: null, me: null, active: "now", ended: "", endedDetail: "",
    removed: false, claimSeq: null, retry: 0, retryTimer: null, pendingSeq: null, drag: null, typing: false, codeError: ""
  };
  var app = document.getElementById("app");
  var statusLine = document.getElementById("status");
  var who = document.getElementById("who");
  var notMe = document.getElementById("notme");

  function remember() {
    try { localStorage.setItem(KEY, JSON.stringify({ code: state.code, token: state.token })); }
    catch (e) { /* private mode: the phone just asks again after a reload */ }
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function button(cls, text, onTap) {
    var b = el("button", cls, text);
    b.type = "button";
    b.addEventListener("click", onTap);
    return b;
  }
  function status(text, kind) {
    statusLine.textContent = text || "";
    statusLine.className = kind || "";
  }
  var extra = null;  // activities.js: comments and actions (and later activities)
  function screen(id) {
    while (app.firstChild) { app.removeChild(app.firstChild); }
    var s = el("section", "screen");
    s.id = id;
    app.appendChild(s);
    return s;
  }

  // -- connection ------------------------------------------------------------------------
  function connect() {
    if (state.removed || (state.ws && state.ws.readyState <= 1)) { return; }
    if (!state.code) { render(); return; }
    var ws = new WebSocket("ws://" + location.host + "/ws");
    state.ws = ws;
    ws.onopen = function () {
      state.retry = 0;
      var hello = { type: "hello", room: state.code };
      if (state.token) { hello.token = state.token; }
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = function (event) {
      var m;
      try { m = JSON.parse(event.data); } catch (e) { return; }
      receive(m);
    };
    ws.onclose = function (event) {
      if (state.ws !== ws) { return; }
      state.ws = null;
      if (event.code === 4009) {  // the same phone opened lpdesk in another tab: no tug of war
        state.ended = "lpdesk is open in another tab on this phone."; state.endedDetail = "";
        state.replaced = true;
        status("");
        render();
        return;
      }
      if (state.removed || !state.code) { render(); return; }
      // a dropped Wi-Fi, a locked screen, or the facilitator stopping and starting again:
      // keep trying with the same token, so the phone comes back as the same person
      if (!state.ended) { status("Connection lost \u2013 reconnecting\u2026", "bad"); }
      var wait = Math.min(8000, 500 * Math.pow(2, state.retry++));
      clearTimeout(state.retryTimer);
      state.retryTimer = setTimeout(connect, wait);
    };
  }
  function send(message) {
    if (!state.ws || state.ws.readyState !== 1 || !state.token) {
      status("Not connected \u2013 trying again\u2026", "bad");
      connect();
      return null;
    }
    message.token = state.token;
    message.seq = ++state.seq;
    state.ws.send(JSON.stringify(message));
    return message.seq;
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && !state.ws) {
      clearTimeout(state.retryTimer);
      connect();
    }
  });
  window.addEventListener("online", function () { if (!state.ws) { connect(); } });

  function receive(m) {
    if (m.type === "welcome") {
      state.welcome = m;
      state.token = m.token;
      if (extra) { extra.reset(); }  // what the app has is what counts after a reconnect
      state.ended = ""; state.endedDetail = "";
      remember();
      status("");
      render();
    } else if (m.type === "state") {
      var s = m.sections || {};
      if (s.room) { state.room = s.room; }
      if (s.people) { state.people = s.people; }
      if (s.me) { state.me = s.me; }
      if (extra) { extra.sections(s); }
      if (!state.drag && !(extra && extra.busy())) { render(); }
    } else if (m.type === "ack") {
      if (extra && extra.ack(m.seq)) { return; }
      if (m.seq === state.pendingSeq) { status("Received \u2713", "ok"); }
      else if (m.seq === state.claimSeq) { status(""); }
    } else if (m.type === "error") {
      refused(m);
    } else if (m.type === "bye") {
      state.removed = m.reason === "removed";
      state.ended = state.removed
        ? "The facilitator has taken this phone out of the session."
        : "The session has ended";
      state.endedDetail = state.removed ? "" :
        "The facilitator has stopped taking input from phones. Thank you! This page " +
        "comes back by itself if they start again.";
      if (state.removed) { state.token = null; state.code = ""; remember(); }
      status("");
      render();
    }
  }
  function refused(m) {
    var code = m.code;
    if (extra) { extra.refused(m); }
    if (code === "room") {
      state.code = ""; state.token = null; remember();
      state.codeError = m.message; render(); return;
    }
    if (code === "token") { state.token = null; remember(); return; }  // join afresh
    if (code === "removed") { receive({ type: "bye", reason: "removed" }); return; }
    if (code === "full") { state.removed = true; state.ended = m.message; render(); return; }
    status(m.message || "Not accepted.", "bad");
  }

  // -- screens ---------------------------------------------------------------------------
  function render() {
    var me = state.me && state.me.participant;
    who.textContent = me ? me.name : "";
    notMe.hidden = !me || state.ended !== "";
    if (state.ended) { return ended(); }
    if (!state.code) { return askCode(); }
    if (!state.welcome || !state.room || !state.me) { return loading(); }
    if (!me) { return state.people ? pickName() : loading(); }
    if (extra && extra.view()) { extra.after(app.firstChild); return; }
    if (state.room.activity !== "continuum" || !state.room.area) { waiting(); }
    else { placing(); }
    if (extra) { extra.after(app.firstChild); }
  }
  function loading() {
    var s = screen("loading");
    s.appendChild(el("p", "big", "Connecting\u2026"));
  }
  function ended() {
    var s = screen("ended");
    s.appendChild(el("h1", "", state.ended));
    if (state.endedDetail) { s.appendChild(el("p", "big", state.endedDetail)); }
    if (state.replaced) {
      s.appendChild(button("primary", "Use this tab", function () {
        state.replaced = false; state.ended = ""; loading(); connect();
      }));
      return;
    }
    s.appendChild(el("p", "muted", "You can close this page."));
  }
  function waiting() {
    var s = screen("waiting");
    s.appendChild(el("h1", "", "Hello " + state.me.participant.name));
    s.appendChild(el("p", "big", "Wait for the facilitator to open the next activity."));
  }
  function askCode() {
    var s = screen("code");
    s.appendChild(el("h1", "", "Join the session"));
    s.appendChild(el("p", "", "Type the room code shown on the screen."));
    if (state.codeError) { s.appendChild(el("p", "error", state.codeError)); }
    var input = el("input", "code");
    input.type = "text"; input.id = "room-code"; input.maxLength = 8;
    input.autocomplete = "off"; input.setAttribute("autocapitalize", "characters");
    input.setAttribute("aria-label", "Room code");
    s.appendChild(input);
    var go = button("primary", "Join", function () {
      var code = input.value.replace(/[\s-]/g, "").toUpperCase();
      if (code.length < 4) { input.focus(); return; }
      state.code = code; state.codeError = ""; remember();
      loading(); connect();
    });
    go.id = "join";
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { go.click(); } });
    s.appendChild(go);
  }
  function groupChooser(s, people, picked) {
    if (!people.groups.length) { return function () { return null; }; }
    s.appendChild(el("h2", "", "Your group"));
    var choice = { id: picked || null };
    var buttons = [];
    people.groups.forEach(function (g) {
      var b = button("choice", g.name, function () {
        choice.id = g.id;
        buttons.forEach(function (x) { x.setAttribute("aria-pressed", String(x === b)); });
      });
      b.setAttribute("aria-pressed", String(choice.id === g.id));
      b.style.borderLeft = "14px solid " + (/^#[0-9A-Fa-f]{6}$/.test(g.colour) ? g.colour : "#0b3d6b");
      buttons.push(b);
      s.appendChild(b);
    });
    return function () { return choice.id; };
  }
  function pickName() {
    if (state.typing) { return typeName(); }
    var people = state.people;
    var s = screen("names");
    s.appendChild(el("h1", "", "Who are you?"));
    var groups = {};
    people.groups.forEach(function (g) { groups[g.id] = g.name; });
    people.participants.forEach(function (p) {
      var b = button("choice", p.name, function () {
        if (p.group || !people.groups.length) { claim({ participant: p.id }); return; }
        chooseGroupFor(p);
      });
      if (p.group && groups[p.group]) { b.appendChild(el("small", "", groups[p.group])); }
      if (p.taken) { b.disabled = true; b.appendChild(el("small", "", "already chosen on another phone")); }
      s.appendChild(b);
    });
    if (!people.participants.length) { s.appendChild(el("p", "muted", "No names on the list yet.")); }
    if (people.new_names) {
      s.appendChild(button("secondary", "My name is not on the list", function () {
        state.typing = true; render();
      }));
    }
    if (people.anonymous) {
      s.appendChild(button("secondary", "Join without a name", function () {
        claim({ anonymous: true });
      }));
    }
  }
  function chooseGroupFor(p) {
    var s = screen("group");
    s.appendChild(el("h1", "", p.name));
    var picked = groupChooser(s, state.people, null);
    s.appendChild(button("primary", "Continue", function () {
      claim({ participant: p.id, group: picked() });
    }));
    s.appendChild(button("secondary", "Back", render));
  }
  function typeName() {
    var s = screen("newname");
    s.appendChild(el("h1", "", "Your name"));
    var input = el("input");
    input.type = "text"; input.id = "new-name"; input.maxLength = 60; input.autocomplete = "name";
    input.setAttribute("aria-label", "Your name");
    s.appendChild(input);
    var picked = groupChooser(s, state.people, null);
    s.appendChild(button("primary", "Join", function () {
      var name = input.value.trim();
      if (!name) { input.focus(); return; }
      claim({ name: name, group: picked() });
    }));
    s.appendChild(button("secondary", "Back to the list", function () {
      state.typing = false; render();
    }));
  }
  function claim(fields) {
    fields.type = "claim";
    state.claimSeq = send(fields);
    if (state.claimSeq !== null) { status("Sending\u2026"); }
  }
  notMe.addEventListener("click", function () {
    state.typing = false;
    send({ type: "release" });
  });

  // -- the continuum ---------------------------------------------------------------------
  function breakable(name) {
    // a soft hyphen in the middle of a long word lets "Unfacilitated" wrap in a narrow band
    return name.split(" ").map(function (word) {
      if (word.length <= 10) { return word; }
      var at = Math.ceil(word.length / 2) + 1;
      return word.slice(0, at) + "\u00ad" + word.slice(at);
    }).join(" ");
  }
  function stageAt(v) {
    var stages = state.welcome.stages, found = stages[0];
    stages.forEach(function (st) { if (v >= st.start) { found = st; } });
    return found;
  }
  function placementValue(which) {
    var p = state.me.placement;
    return p ? p[which] : null;
  }
  function placing() {
    var room = state.room, me = state.me, w = state.welcome;
    var s = screen("continuum");
    s.appendChild(el("h1", "", room.area.name));
    var intro = room.by_groups && me.group
      ? "You place the markers of " + me.group.name + ": the last one sent counts for the group."
      : "Where is your organisation today (now), and where should it be (target)?";
    if (room.by_groups && !me.group) { intro = "The room works by groups: ask the facilitator to put you in one."; }
    s.appendChild(el("p", "", intro));
    if (room.locked) { s.appendChild(el("p", "note", "The facilitator has paused input.")); }
    else if (room.hidden) { s.appendChild(el("p", "note", "Private vote: only you see your markers.")); }
    var which = el("div", "which");
    ["now", "target"].forEach(function (k) {
      var b = button(k, k === "now" ? "Now" : "Target", function () {
        state.active = k; render();
      });
      b.id = "set-" + k;
      b.setAttribute("aria-pressed", String(state.active === k));
      var v = placementValue(k);
      b.appendChild(el("span", "val", v === null || v === undefined ? "not placed" : window.lpdeskFormatPosition(v) + " \u00b7 " + stageAt(v).name));
      which.appendChild(b);
    });
    s.appendChild(which);
    var track = el("div", "track" + (room.locked ? " locked" : ""));
    track.id = "track";
    track.setAttribute("role", "slider");
    track.setAttribute("aria-label", "Continuum, " + state.active);
    track.tabIndex = 0;
    w.stages.forEach(function (st) {
      var band = el("div", "band", breakable(st.name));
      band.style.left = st.start + "%";
      band.style.width = (st.end - st.start) + "%";
      track.appendChild(band);
    });
    if (room.distribution) {
      ["now", "target"].forEach(function (k) {
        room.distribution[k].forEach(function (v) {
          var d = el("div", "dot " + k);
          d.style.left = v + "%";
          track.appendChild(d);
        });
      });
    }
    var markers = {};
    ["now", "target"].forEach(function (k) {
      var v = placementValue(k);
      var m = el("div", "marker " + k + (state.active === k ? " active" : ""), k === "now" ? "N" : "T");
      m.id = "marker-" + k;
      m.hidden = v === null || v === undefined;
      m.style.left = (v || 0) + "%";
      markers[k] = m;
      track.appendChild(m);
    });
    var v0 = placementValue(state.active);
    track.setAttribute("aria-valuenow", v0 === null || v0 === undefined ? "" : String(Math.round(v0)));
    s.appendChild(track);
    var ends = el("div", "ends");
    ends.appendChild(el("span", "", w.left));
    ends.appendChild(el("span", "", w.right));
    s.appendChild(ends);
    if (room.distribution) {
      s.appendChild(el("p", "muted", "Small dots: the room's markers (" + room.placed + " of " + room.total + " placed)."));
    } else {
      s.appendChild(el("p", "muted", room.placed + " of " + room.total + " placed."));
    }
    trackInput(track, markers, room.locked || (room.by_groups && !me.group));
    var list = el("ul", "stages");
    var now = placementValue("now"), target = placementValue("target");
    w.stages.forEach(function (st) {
      var li = el("li");
      var here = [];
      if (now !== null && now !== undefined && stageAt(now) === st) { here.push("now"); }
      if (target !== null && target !== undefined && stageAt(target) === st) { here.push("target"); }
      if (here.length) { li.className = "here"; }
      li.appendChild(el("b", "", st.name));
      if (here.length) {
        var tags = el("span", "tags");
        here.forEach(function (k, i) {
          tags.appendChild(el("span", k, (i ? " \u00b7 " : "") + "your " + k));
        });
        li.appendChild(tags);
      }
      li.appendChild(el("span", "", st.description));
      list.appendChild(li);
    });
    s.appendChild(el("h2", "", "The four stages"));
    s.appendChild(list);
  }
  function trackInput(track, markers, locked) {
    function valueAt(event) {
      var r = track.getBoundingClientRect();
      var v = (event.clientX - r.left) / r.width * 100;
      return Math.round(Math.max(0, Math.min(100, v)) * 10) / 10;
    }
    function show(v) {
      var m = markers[state.active];
      m.hidden = false;
      m.style.left = v + "%";
    }
    track.addEventListener("pointerdown", function (e) {
      if (locked) { status("The facilitator has paused input.", "bad"); return; }
      e.preventDefault();
      try { track.setPointerCapture(e.pointerId); } catch (err) { /* old browsers */ }
      state.drag = { id: e.pointerId, value: valueAt(e) };
      show(state.drag.value);
    });
    track.addEventListener("pointermove", function (e) {
      if (!state.drag || state.drag.id !== e.pointerId) { return; }
      state.drag.value = valueAt(e);
      show(state.drag.value);
    });
    function done(e) {
      if (!state.drag || state.drag.id !== e.pointerId) { return; }
      var v = state.drag.value;
      state.drag = null;
      place(v);
    }
    track.addEventListener("pointerup", done);
    track.addEventListener("pointercancel", function () { state.drag = null; render(); });
    track.addEventListener("keydown", function (e) {
      if (locked) { return; }
      var v = placementValue(state.active);
      v = v === null || v === undefined ? 50 : v;
      var step = e.shiftKey ? 10 : 1;
      if (e.key === "ArrowLeft") { v -= step; } else if (e.key === "ArrowRight") { v += step; } else { return; }
      e.preventDefault();
      place(Math.max(0, Math.min(100, v)));
    });
  }
  function place(value) {
    var seq = send({ type: "place", area: state.room.area.id, which: state.active, value: value });
    if (seq !== null) {
      state.pendingSeq = seq;
      status("Sending\u2026");
    }
  }

  if (window.lpdeskActivities) {
    extra = window.lpdeskActivities({ state: state, send: send, el: el, button: button,
                                      screen: screen, status: status, render: render });
  }
  render();
  connect();
}());
