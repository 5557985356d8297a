(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("loci-data").textContent);
  var root = document.documentElement;
  var eventZone = data.zone;
  // Every word the script writes comes from data.labels (page.py's LABELS, in every language loci speaks):
  // the visitor's choice kept in this browser, else the first of the browser's languages the page has, else English.
  var LANG_KEY = "loci.lang";
  var asked = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "en"];
  function primary(tag) { return String(tag).toLowerCase().split(/[-_]/)[0]; }
  function chosenLanguage() {
    var kept = null;
    try { kept = window.localStorage.getItem(LANG_KEY); } catch (err) {}
    if (kept && data.labels[kept]) return kept;
    for (var i = 0; i < asked.length; i++) if (data.labels[primary(asked[i])]) return primary(asked[i]);
    return "en";
  }
  var T, LOCALE, DATES;
  var TIME = {hour: "numeric", minute: "2-digit"};
  // Whether this browser's Intl has the language's month names: some builds carry no CLDR data for
  // a language and write "M11" (ICU's root), which reads as no language at all.
  function hasDates(tag) {
    try {
      if (!Intl.DateTimeFormat.supportedLocalesOf([tag]).length) return false;
      return !/M\d/.test(new Intl.DateTimeFormat(tag, {month: "long", timeZone: "UTC"}).format(new Date(Date.UTC(2020, 10, 10))));
    } catch (err) { return false; }
  }
  function useLanguage(code) {
    T = data.labels[code];
    // The browser's own tag for that language (en-GB, ru-KZ) when it asks for it, else the language alone.
    LOCALE = code;
    for (var i = 0; i < asked.length; i++) if (primary(asked[i]) === code) { LOCALE = asked[i]; break; }
    // Dates in it, or in the next of the browser's languages its Intl can write, else English.
    DATES = LOCALE;
    if (!hasDates(DATES)) {
      DATES = "en";
      for (var j = 0; j < asked.length; j++) if (hasDates(asked[j])) { DATES = asked[j]; break; }
    }
    root.lang = code;
    // Two-digit hours where the language counts 0-23 ("09:00"), as such clocks are read; else "9:00 AM".
    TIME = {hour: "numeric", minute: "2-digit"};
    var cycle = new Intl.DateTimeFormat(DATES, TIME).resolvedOptions().hourCycle;
    if (cycle === "h23" || cycle === "h24") TIME.hour = "2-digit";
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  function say(key, values) { return fill(T[key], values); }
  // A counted phrase: the language's form for the number, by the browser's plural rules.
  function form(forms, n) {
    var category = "other";
    try { category = new Intl.PluralRules(LOCALE).select(n); } catch (err) {}
    return forms[category] || forms.other;
  }
  function counted(key, n) { return fill(form(T[key], n), {count: n}); }

  function works(zone) {
    try { new Intl.DateTimeFormat("en-US", {timeZone: zone}); return true; } catch (err) { return false; }
  }
  if (!works(eventZone)) return;  // a browser without this zone keeps the page as written
  var browserZone = "UTC";
  try { browserZone = new Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (err) {}
  if (!works(browserZone)) browserZone = "UTC";
  // Browsers report ICU's names, often IANA's old ones (Asia/Katmandu): show the name the CLI shows.
  function canonical(zone) {
    var newer = data.zoneLinks[zone];
    return newer && works(newer) ? newer : zone;
  }
  browserZone = canonical(browserZone);
  root.classList.add("js");
  useLanguage(chosenLanguage());

  var formats = {};
  function fmt(zone, options, locale) {
    var tag = locale || DATES;
    var key = zone + "|" + tag + "|" + JSON.stringify(options);
    if (!formats[key]) {
      var all = {timeZone: zone};
      for (var name in options) all[name] = options[name];
      formats[key] = new Intl.DateTimeFormat(tag, all);
    }
    return formats[key];
  }
  var SHORT_DATE = {weekday: "short", day: "numeric", month: "short"};
  var LONG_DATE = {weekday: "long", day: "numeric", month: "long", year: "numeric"};

  function part(format, moment, type) {
    var found = "";
    format.formatToParts(moment).forEach(function (p) { if (p.type === type) found = p.value; });
    return found;
  }
  // The calendar date of a moment in a zone, as YYYY-MM-DD.
  function isoDate(moment, zone) {
    var f = fmt(zone, {year: "numeric", month: "2-digit", day: "2-digit"}, "en-US");
    return part(f, moment, "year") + "-" + part(f, moment, "month") + "-" + part(f, moment, "day");
  }
  function offsetName(moment, zone) {
    var text = part(fmt(zone, {timeZoneName: "longOffset", hour: "numeric"}, "en-US"), moment, "timeZoneName");
    return text === "GMT" || text === "" || /^GMT[+-]00:00$/.test(text) ? "UTC" : text.replace("GMT", "UTC");
  }
  function zoneName(moment, zone) {
    return part(fmt(zone, {timeZoneName: "short", hour: "numeric"}), moment, "timeZoneName") || offsetName(moment, zone);
  }
  // "12:00 PM" stays on one line; a span may break after its dash, so a long one fits its column.
  function clock(moment, zone) { return fmt(zone, TIME).format(moment).replace(/ /g, "\u00a0"); }
  function showSpan(element, start, end, zone) {
    element.textContent = clock(start, zone) + "\u2013";
    element.appendChild(document.createElement("wbr"));
    element.appendChild(document.createTextNode(clock(end, zone)));
  }
  function dateRange(start, end, zone) {
    var f = fmt(zone, LONG_DATE);
    if (isoDate(start, zone) === isoDate(end, zone)) return f.format(start);
    return typeof f.formatRange === "function" ? f.formatRange(start, end) : f.format(start) + " \u2013 " + f.format(end);
  }

  // The page's own words (page.py's WORDS: English in each data-w element, its values beside it), said in a language.
  function sayPage(code) {
    var W = data.words[code];
    Array.prototype.forEach.call(document.querySelectorAll("[data-w]"), function (el) {
      var text = W[el.getAttribute("data-w")], values = {};
      for (var name in el.dataset) {
        var value = el.dataset[name], day = new Date(value + "T12:00:00Z");
        if (name === "shortDate") value = fmt("UTC", SHORT_DATE).format(day);
        else if (/Date$/.test(name)) value = fmt("UTC", LONG_DATE).format(day);
        values[name] = value;
      }
      if (typeof text === "object") text = form(text, Number(values.count));
      el.textContent = fill(text, values);
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-wl]"), function (el) {
      el.setAttribute("aria-label", W[el.getAttribute("data-wl")]);
    });
  }
  if (root.lang !== "en") sayPage(root.lang);

  var sessions = [];
  data.days.forEach(function (day) {
    day.el = document.getElementById(day.id);
    day.sessions.forEach(function (s) {
      sessions.push({
        el: document.getElementById(s.id), title: s.title, day: day, key: s.key, language: s.language,
        event: s.event, start: new Date(s.start), end: new Date(s.end), isBreak: s["break"]
      });
    });
  });
  var meetingStart = Math.min.apply(null, sessions.map(function (s) { return s.start.getTime(); }));
  var meetingEnd = Math.max.apply(null, sessions.map(function (s) { return s.end.getTime(); }));
  var sample = new Date(meetingStart);

  // The zone picker: the agenda's participant zones first, then this browser's, the event's and UTC, then every zone.
  var select = document.getElementById("tz");
  var reset = document.getElementById("tz-reset");
  var listed = {};
  function label(zone, extra) {
    // Etc/GMT-2 reads backwards (POSIX signs): such zones go by their offset alone.
    var text = /^(Etc\/|[+-]\d)/.test(zone) ? offsetName(sample, zone)
      : zone.replace(/_/g, " ") + " (" + offsetName(sample, zone) + ")";
    if (extra) text += " \u2013 " + extra;
    if (zone === browserZone) text += " \u2013 " + T.yourZone;
    return text;
  }
  function group(name, zones) {
    var box = document.createElement("optgroup");
    box.label = name;
    zones.forEach(function (item) {
      if (listed[item.zone] || !works(item.zone)) return;
      listed[item.zone] = true;
      var option = document.createElement("option");
      option.value = item.zone;
      option.textContent = label(item.zone, item.extra);
      box.appendChild(option);
    });
    if (box.children.length) select.appendChild(box);
  }
  var byZone = {}, order = [];
  data.participants.forEach(function (p) {
    p.zones.forEach(function (zone) {
      if (!byZone[zone]) { byZone[zone] = []; order.push(zone); }
      if (byZone[zone].indexOf(p.country) < 0) byZone[zone].push(p.country);
    });
  });
  var every = [];
  try { every = Intl.supportedValuesOf("timeZone"); } catch (err) {}
  // Built again when the page's language changes: its groups and notes are words.
  function buildPicker() {
    select.textContent = "";
    listed = {};
    group(T.groupParticipants, order.map(function (zone) { return {zone: zone, extra: byZone[zone].join(", ")}; }));
    group(T.groupHere, [
      {zone: browserZone}, {zone: eventZone, extra: T.eventZone}, {zone: "UTC"}
    ]);
    group(T.groupEvery, every.map(function (zone) { return {zone: canonical(zone)}; }));
  }
  buildPicker();

  var note = document.getElementById("zone-note");
  var status = document.getElementById("status");
  var current = browserZone;

  function render(zone) {
    current = zone;
    select.value = zone;
    reset.hidden = zone === browserZone;
    var where = zone === browserZone ? say("yourZoneNamed", {zone: zone}) : zone;
    note.textContent = say("zoneNote", {where: where, offset: offsetName(sample, zone), event: data.zoneTitle});
    data.days.forEach(function (day) {
      var start = new Date(day.start), last = new Date(new Date(day.end).getTime() - 1);
      var heading = day.el.querySelector(".day-date");
      heading.textContent = dateRange(start, last, zone);
      heading.setAttribute("datetime", isoDate(start, zone));
      var same = isoDate(start, zone) === day.date && isoDate(last, zone) === day.date;
      day.el.querySelector(".day-event-date").hidden = same;
      var toc = document.querySelector('.toc-date[data-day="' + day.id + '"]');
      if (toc) toc.textContent = " \u00b7 " + fmt(zone, SHORT_DATE).format(start);
    });
    sessions.forEach(function (s) {
      var local = s.el.querySelector(".t-local");
      showSpan(local.querySelector("time"), s.start, s.end, zone);
      var mark = local.querySelector(".daymark");
      var shown = isoDate(s.start, zone);
      if (shown !== s.day.date) {
        // The date beside the time whenever it is not the event's date for that day.
        mark.textContent = "(" + fmt(zone, SHORT_DATE).format(s.start) + ")";
        mark.title = shown > s.day.date ? T.dayLater : T.dayEarlier;
        mark.hidden = false;
      } else {
        mark.hidden = true;
      }
      local.hidden = false;
      var ev = s.el.querySelector(".t-event");
      showSpan(ev.querySelector("time"), s.start, s.end, eventZone);
      ev.querySelector(".ev-zone").textContent = zoneName(s.start, eventZone);
    });
    tick();
  }

  // "Now" and "Next" while the meeting runs (from an hour before it starts), checked every 30 seconds.
  function tick() {
    var now = Date.now();
    var running = now >= meetingStart - 3600000 && now < meetingEnd;
    var on = [], next = null;
    sessions.forEach(function (s) {
      if (s.start.getTime() <= now && now < s.end.getTime()) on.push(s);
      else if (s.start.getTime() > now && (!next || s.start < next.start)) next = s;
    });
    var upcoming = next ? sessions.filter(function (s) { return s.start.getTime() === next.start.getTime(); }) : [];
    sessions.forEach(function (s) {
      var isNow = running && on.indexOf(s) >= 0, isNext = running && upcoming.indexOf(s) >= 0;
      s.el.classList.toggle("is-now", isNow);
      s.el.classList.toggle("is-next", isNext);
      if (isNow) s.el.setAttribute("aria-current", "time"); else s.el.removeAttribute("aria-current");
      var badge = s.el.querySelector(".badge");
      badge.textContent = isNow ? T.now : isNext ? T.next : "";
      badge.hidden = !(isNow || isNext);
    });
    if (!running) { status.hidden = true; return; }
    var parts = [];
    if (on.length) {
      parts.push(say("nowList", {sessions: on.map(function (s) {
        return say("until", {title: s.title, time: clock(s.end, current)});
      }).join("; ")}));
    }
    if (upcoming.length) {
      var at = clock(upcoming[0].start, current);
      if (isoDate(upcoming[0].start, current) !== isoDate(new Date(now), current)) {
        at = say("nextOn", {time: at, date: fmt(current, SHORT_DATE).format(upcoming[0].start)});
      }
      parts.push(say("nextList", {sessions: upcoming.map(function (s) { return s.title; }).join("; "), time: at}));
    }
    status.textContent = parts.join(". ") + ".";
    status.hidden = false;
  }

  // --- My sessions: stars kept in this browser, per agenda; a view of them; one .ics of them ---------------

  var storeKey = "loci.stars." + data.agenda;
  function loadStars() {
    try {
      var kept = JSON.parse(window.localStorage.getItem(storeKey) || "[]");
      return Array.isArray(kept) ? kept.filter(function (id) { return typeof id === "string"; }) : [];
    } catch (err) { return []; }
  }
  // Ids the agenda no longer has stay stored (an update may bring them back); the view counts them.
  var starred = loadStars();
  function saveStars() {
    try { window.localStorage.setItem(storeKey, JSON.stringify(starred)); } catch (err) {}
  }
  function isStarred(s) { return starred.indexOf(s.key) >= 0; }
  var starrable = sessions.filter(function (s) { return s.event; });
  var view = {mine: false, language: ""};

  var bar = document.getElementById("mine-bar");
  var mineNote = document.getElementById("mine-note");
  function button(id, text) {
    var made = document.createElement("button");
    made.type = "button";
    made.id = id;
    made.textContent = text;
    return made;
  }
  var choice = document.createElement("div");
  choice.className = "mine-choice";
  choice.setAttribute("role", "group");
  var showAll = button("show-all", ""), showMine = button("show-mine", "");
  choice.appendChild(showAll);
  choice.appendChild(showMine);
  bar.appendChild(choice);
  var heldIn = null, caption = null;
  if (data.languages.length > 1) {
    var wrap = document.createElement("span");
    wrap.className = "held-in";
    caption = document.createElement("label");
    caption.htmlFor = "held-in";
    heldIn = document.createElement("select");
    heldIn.id = "held-in";
    [""].concat(data.languages).forEach(function (code) {
      var option = document.createElement("option");
      option.value = code;
      heldIn.appendChild(option);
    });
    wrap.appendChild(caption);
    wrap.appendChild(heldIn);
    bar.appendChild(wrap);
  }
  var addMine = button("mine-ics", "");
  bar.appendChild(addMine);

  // The page's language: a switch before the zone note, each language named in itself.
  var switcher = document.createElement("p");
  switcher.className = "lang-switch";
  var switchLabel = document.createElement("label");
  switchLabel.htmlFor = "page-lang";
  var langSelect = document.createElement("select");
  langSelect.id = "page-lang";
  Object.keys(data.labels).forEach(function (code) {
    var option = document.createElement("option");
    option.value = code;
    option.lang = code;
    option.textContent = data.languageNames[code] || code;
    langSelect.appendChild(option);
  });
  langSelect.value = root.lang;
  switcher.appendChild(switchLabel);
  switcher.appendChild(langSelect);
  note.parentNode.insertBefore(switcher, note);

  // The words written once, in the page's language (render and showView write the rest).
  function words() {
    switchLabel.textContent = T.language;
    choice.setAttribute("aria-label", T.show);
    showAll.textContent = T.showAll;
    addMine.textContent = T.addMine;
    if (heldIn) {
      caption.textContent = T.heldIn;
      var names = null;
      try { names = new Intl.DisplayNames(DATES, {type: "language"}); } catch (err) {}
      Array.prototype.forEach.call(heldIn.options, function (option) {
        var code = option.value, name = "";
        try { name = code && names ? names.of(code) : ""; } catch (err) {}
        option.textContent = !code ? T.anyLanguage : name && name !== code ? name + " (" + code + ")" : code;
      });
    }
  }
  words();

  starrable.forEach(function (s) {
    var star = document.createElement("button");
    star.type = "button";
    star.className = "star";
    star.addEventListener("click", function () {
      if (isStarred(s)) starred.splice(starred.indexOf(s.key), 1); else starred.push(s.key);
      saveStars();
      showView();
    });
    s.star = star;
    // Beside the heading, not in it: the heading names the session for its calendar link and screen readers.
    var heading = s.el.querySelector(".what h3");
    heading.parentNode.insertBefore(star, heading);
  });

  function showView() {
    var present = starrable.filter(isStarred);
    starrable.forEach(function (s) {
      var on = isStarred(s);
      s.star.textContent = on ? "\u2605" : "\u2606";
      s.star.setAttribute("aria-pressed", on ? "true" : "false");
      s.star.setAttribute("aria-label", say(on ? "unstarLabel" : "starLabel", {title: s.title}));
      s.star.title = s.star.getAttribute("aria-label");
      s.el.classList.toggle("starred", on);
    });
    showMine.textContent = say("showMine", {count: present.length});
    showAll.setAttribute("aria-pressed", view.mine ? "false" : "true");
    showMine.setAttribute("aria-pressed", view.mine ? "true" : "false");
    addMine.disabled = present.length === 0;
    var visible = 0;
    sessions.forEach(function (s) {
      var show = (!view.mine || (s.event && isStarred(s))) && (!view.language || s.language === view.language);
      s.el.hidden = !show;
      if (show) visible += 1;
    });
    data.days.forEach(function (day) {
      var any = sessions.some(function (s) { return s.day === day && !s.el.hidden; });
      day.el.hidden = !any;
      var toc = document.querySelector('.toc-date[data-day="' + day.id + '"]');
      if (toc) toc.parentNode.parentNode.hidden = !any;
    });
    var said = [];
    if (view.mine && !present.length) said.push(T.mineEmpty);
    else if (!visible) said.push(view.mine ? T.mineNone : T.noneInLanguage);
    var gone = starred.length - present.length;
    if (view.mine && gone > 0) said.push(counted("mineMissing", gone));
    mineNote.textContent = said.join(" ");
    mineNote.hidden = !said.length;
  }

  showAll.addEventListener("click", function () { view.mine = false; showView(); });
  showMine.addEventListener("click", function () { view.mine = true; showView(); });
  if (heldIn) heldIn.addEventListener("change", function () { view.language = heldIn.value; showView(); });
  // Another tab of the same agenda starred something.
  window.addEventListener("storage", function (event) {
    if (event.key === storeKey) { starred = loadStars(); showView(); }
  });

  // RFC 5545: TEXT escaped, lines of at most 75 octets folded with CRLF and a space, CRLF line ends.
  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
  }
  function icsTime(moment) { return moment.toISOString().replace(/\.\d{3}/, "").replace(/[-:]/g, ""); }
  function octets(code) { return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4; }
  function fold(line) {
    var lines = [], piece = "", size = 0;
    for (var i = 0; i < line.length;) {
      var code = line.codePointAt(i), character = String.fromCodePoint(code);
      i += character.length;
      if (size + octets(code) > 75) { lines.push(piece); piece = " "; size = 1; }
      piece += character;
      size += octets(code);
    }
    lines.push(piece);
    return lines.join("\r\n");
  }
  // The same events as the published calendars (UIDs, SEQUENCE, text), so a later import updates them.
  function myCalendar(stamp) {
    var lines = ["BEGIN:VCALENDAR", "PRODID:" + icsText(data.calendar.prodid), "VERSION:2.0", "CALSCALE:GREGORIAN",
      "X-WR-CALNAME:" + icsText(data.calendar.name)];
    starrable.filter(isStarred).forEach(function (s) {
      var e = s.event;
      lines.push("BEGIN:VEVENT", "UID:" + icsText(e.uid), "DTSTAMP:" + icsTime(stamp), "SEQUENCE:" + data.calendar.sequence,
        "DTSTART:" + icsTime(s.start), "DTEND:" + icsTime(s.end), "SUMMARY:" + icsText(e.summary));
      if (e.description) lines.push("DESCRIPTION:" + icsText(e.description));
      if (e.location) lines.push("LOCATION:" + icsText(e.location));
      if (e.url) lines.push("URL:" + e.url.replace(/[\r\n]/g, ""));
      lines.push("CATEGORIES:" + icsText(e.category), "STATUS:CONFIRMED", "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }
  addMine.addEventListener("click", function () {
    var file = new Blob([myCalendar(new Date())], {type: "text/calendar;charset=utf-8"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(file);
    link.download = T.mineFile;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  });
  bar.hidden = false;
  showView();

  select.addEventListener("change", function () { render(select.value); });
  langSelect.addEventListener("change", function () {
    try { window.localStorage.setItem(LANG_KEY, langSelect.value); } catch (err) {}
    useLanguage(langSelect.value);
    sayPage(langSelect.value);
    words();
    buildPicker();
    render(current);
    showView();
  });
  reset.addEventListener("click", function () { render(browserZone); select.focus(); });
  document.getElementById("zone-form").hidden = false;
  render(browserZone);
  setInterval(tick, 30000);
})();
