// Parse .ics files with Mozilla's ical.js (Thunderbird's parser) and print what it sees as JSON:
// the calendar's names and, for each VEVENT, its text properties and start/end as UTC instants.
// Times are converted with the VTIMEZONE blocks in the file itself (registered first).
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

// NAME is TEXT (RFC 7986), and calendar programs read X-WR-CALNAME and X-WR-CALDESC as TEXT;
// ical.js only unescapes properties it knows, so it is told, as its design set allows.
for (const name of ["name", "x-wr-calname", "x-wr-caldesc"]) {
  ICAL.design.icalendar.property[name] = { defaultType: "text" };
}

const out = {};
for (const path of process.argv.slice(2)) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  for (const tz of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  }
  out[path] = {
    name: root.getFirstPropertyValue("x-wr-calname"),
    rfc7986Name: root.getFirstPropertyValue("name"),
    description: root.getFirstPropertyValue("description"),
    calDescription: root.getFirstPropertyValue("x-wr-caldesc"),
    method: root.getFirstPropertyValue("method"),
    components: root.getAllSubcomponents().length,
    events: root.getAllSubcomponents("vevent").map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        summary: event.summary,
        description: event.description,
        location: event.location,
        categories: vevent.getFirstProperty("categories")?.getValues() ?? [],
        status: vevent.getFirstPropertyValue("status"),
        sequence: vevent.getFirstPropertyValue("sequence"),
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
      };
    }),
  };
}
process.stdout.write(JSON.stringify(out));
