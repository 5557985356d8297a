"""frab/pretalx schedules, in both spellings: JSON (``read_json``, ``write_json``) and schedule.xml (``read_xml``, ``write_xml``).

Both spellings share one lenient reader: ``read_xml`` turns the XML into the
frab JSON document that ``read_json.read_frab`` reads. ``write_json`` makes
the frab JSON from an agenda, and ``write_xml`` spells that document as XML.
"""
