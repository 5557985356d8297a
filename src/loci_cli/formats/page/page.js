(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("loci-data").textContent);
  var root = document.documentElement;
  var eventZone = data.zone;

  function works(zone) {
    try { new Intl.DateTimeFormat("en-US", {timeZone: zone}); return true; } catch (err) { return false; }
  }
  if (!works(eventZone)) return;  // a browser without this zone keeps the page as written
  var browserZone = "UTC";
  try { browserZone = new Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (err) {}
  if (!works(browserZone)) browserZone = "UTC";
  root.classList.add("js");

  var formats = {};
  function fmt(zone, options, locale) {
    var key = zone + "|" + (locale || "") + "|" + JSON.stringify(options);
    if (!formats[key]) {
      var all = {timeZone: zone};
      for (var name in options) all[name] = options[name];
      formats[key] = new Intl.DateTimeFormat(locale, all);
    }
    return formats[key];
  }
  // Two-digit hours where the language counts 0-23 ("09:00"), as such clocks are read; else "9:00 AM".
  var TIME = {hour: "numeric", minute: "2-digit"};
  var cycle = new Intl.DateTimeFormat(undefined, TIME).resolvedOptions().hourCycle;
  if (cycle === "h23" || cycle === "h24") TIME.hour = "2-digit";
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
  function clock(moment, zone) { return fmt(zone, TIME).format(moment); }
  function span(start, end, zone) { return clock(start, zone) + "\u2013" + clock(end, zone); }
  function dateRange(start, end, zone) {
    var f = fmt(zone, LONG_DATE);
    if (isoDate(start, zone) === isoDate(end, zone)) return f.format(start);
    return typeof f.formatRange === "function" ? f.formatRange(start, end) : f.format(start) + " \u2013 " + f.format(end);
  }

  var sessions = [];
  data.days.forEach(function (day) {
    day.el = document.getElementById(day.id);
    day.sessions.forEach(function (s) {
      sessions.push({
        el: document.getElementById(s.id), title: s.title, day: day,
        start: new Date(s.start), end: new Date(s.end), isBreak: s["break"]
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
    if (zone === browserZone) text += " \u2013 your zone";
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
  group("Where participants are", order.map(function (zone) { return {zone: zone, extra: byZone[zone].join(", ")}; }));
  group("This browser, the event and UTC", [
    {zone: browserZone}, {zone: eventZone, extra: "the event's zone"}, {zone: "UTC"}
  ]);
  var every = [];
  try { every = Intl.supportedValuesOf("timeZone"); } catch (err) {}
  group("Every zone", every.map(function (zone) { return {zone: zone}; }));

  var note = document.getElementById("zone-note");
  var status = document.getElementById("status");
  var current = browserZone;

  function render(zone) {
    current = zone;
    select.value = zone;
    reset.hidden = zone === browserZone;
    var where = zone === browserZone ? "your zone, " + zone : zone;
    note.textContent = "Times are in " + where + " (" + offsetName(sample, zone) + "), with the event's own time in " +
      data.zoneTitle + " beside them. Dates and times follow your browser's language.";
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
      local.querySelector("time").textContent = span(s.start, s.end, zone);
      var mark = local.querySelector(".daymark");
      var shown = isoDate(s.start, zone);
      if (shown !== s.day.date) {
        // The date beside the time whenever it is not the event's date for that day.
        mark.textContent = "(" + fmt(zone, SHORT_DATE).format(s.start) + ")";
        mark.title = (shown > s.day.date ? "a day later" : "a day earlier") + " than in the event's zone";
        mark.hidden = false;
      } else {
        mark.hidden = true;
      }
      local.hidden = false;
      var ev = s.el.querySelector(".t-event");
      ev.querySelector("time").textContent = span(s.start, s.end, eventZone);
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
      badge.textContent = isNow ? "Now" : isNext ? "Next" : "";
      badge.hidden = !(isNow || isNext);
    });
    if (!running) { status.hidden = true; return; }
    var words = [];
    if (on.length) {
      words.push("Now: " + on.map(function (s) { return s.title + " (until " + clock(s.end, current) + ")"; }).join("; "));
    }
    if (upcoming.length) {
      words.push("Next: " + upcoming.map(function (s) { return s.title; }).join("; ") + " at " +
        clock(upcoming[0].start, current) + (isoDate(upcoming[0].start, current) !== isoDate(new Date(now), current)
          ? " on " + fmt(current, SHORT_DATE).format(upcoming[0].start) : ""));
    }
    status.textContent = words.join(". ") + ".";
    status.hidden = false;
  }

  select.addEventListener("change", function () { render(select.value); });
  reset.addEventListener("click", function () { render(browserZone); select.focus(); });
  document.getElementById("zone-form").hidden = false;
  render(browserZone);
  setInterval(tick, 30000);
})();
