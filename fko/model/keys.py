"""One key, one meaning: the description of every key of every record, in store and output."""

_ISO = "ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source)"
_SUM = "The sum in integer euros of the money items"

KEYS: dict[str, str] = {
    "proximity": "The part of the score for matched words standing together (0-15).",
    "word_score": "The part of the score from the matched words (0-100).",
    "words_total": "How many words the query has (after stop words; compounds split into parts).",
    "words_matched": "How many of the query's words the hit matches.",
    "weight": "How much the query word counts: the rarer in the data, the more.",
    "quality": "How good the match is, 0-1: the field's weight times the way of matching.",
    "synonym": "The word of the data the query word matched through a synonym or the English-German glossary, or null.",
    "how": "How the query word matched: exact, stem, umlaut, prefix, head or part (of a compound), infix, lemma (a "
    "form of the same lemma, or of the verb a noun derives from), related (a word of the same stem that names "
    "another thing: Handwerk for Handwerker), split (a part of the query's compound), fuzzy, synonym, or glossary "
    "(an English word, through the English-German glossary).",
    "word_matches": "For each word of the query: its best match in the hit.",
    "explain": "Why the search hit ranks where it does (with --explain).",
    "reason": "Why the synonym table or the English-German glossary holds this entry (a glossary entry's reason "
    "begins `English-German glossary:`).",
    "data_word": "A word of the data, as it stands there.",
    "query_word": "A word of the search query, as typed.",
    "synonyms": "The synonyms (fko/data/synonyms.toml) and English-German glossary terms (fko/data/english.toml) "
    "the search hit was found through.",
    "amount_eur": "The amount in integer euros, or null where the item names none.",
    "approximate": 'True where the source qualifies the figure ("ca.", "rund", "fast", "mind."); see qualifier.',
    "as_of": f"The date the figure refers to, {_ISO}.",
    "as_of_from_source": "True where the source states no date for the figure and the source's own date is used.",
    "as_of_text": "The source's wording of the date of the figure, or null.",
    "assumptions": "fko's assumptions behind counted_eur: prorated (a part of a year counted by its months), "
    "spread (a total spread evenly over its months), growth (the increase the wording states, compounded), "
    "carried_on (an amount without a stated end, counted after the report's period, the report's year and the "
    "year before, or after the last year of a stated increase); [] where there are none. A yearly amount of a "
    "programme running 'seit' a year is not counted before that period.",
    "stated_eur": "Integer euros of year_total_eur that rest on no assumption of fko (rows with assumed false), "
    "or null where no year is summed.",
    "assumed_eur": "Integer euros of year_total_eur that rest on fko's assumptions (rows with assumed true), or "
    "null where no year is summed.",
    "basis": "What an amount covers: per_year (each year), total (over several years), year (one stated "
    "year), one_off; null where none applies.",
    "body": "The body that reports the figure (a chamber, the WHKT).",
    "budget": "The planned funds ('Geplante Mittel'): the report's wording and the structured items.",
    "by": "What the groups are formed by: ressort, cluster, year or funding.",
    "change": "The change from the previous figure of the same metric (value - previous_value), or null.",
    "change_approximate": "True where either figure of the change is approximate; null where there is no change.",
    "citation": "The record's citation ready to paste, in the --format asked (text, markdown or bibtex): the "
    "measure or figure, the source document's publisher, title and date, the quote, and the text file and lines "
    "fko read it from.",
    "cites_clusters": "The number of clusters that cite this source.",
    "cites_indicators": "The number of key figures that cite this source.",
    "cites_initiatives": "The number of initiatives that cite this source.",
    "cites_measures": "The number of measures that cite this source.",
    "cites_recognition": "The number of recognition figures that cite this source.",
    "cites_updates": "The number of later developments that cite this source.",
    "cluster": "The numeral of the measure's cluster (I … VI), or null (initiatives).",
    "cluster_title": "The title of the measure's cluster, or null.",
    "code": "A ministry's code, e.g. MAGS.",
    "counted_eur": "What the total counts for this row (integer euros): with --year what it counts in that year, "
    "else its amount (its share with --split equal); null for staff, no-funds rows and rows left out (see "
    "left_out).",
    "date": f"The date of the record (an initiative, a development, a source, a change), {_ISO}.",
    "date_note": "How the date of the source was found, or null.",
    "date_text": "The source's wording of the date, or null.",
    "derived": "True where fko computed the value (rates); false where the source prints it.",
    "description": "The report's description of the measure (paragraphs separated by a blank line), or the "
    "quote of an initiative.",
    "dimension": "The country of training for figures by country, else null.",
    "end": f"The end date the wording states (in a diff's period: the derived end), {_ISO}, or null.",
    "field": "A measure's field by name: where a search hit matched best (id, alias, title, ressorts, goal, partners, "
    "description, budget, updates; for a record beyond the measures what: its kind, and an event's place and date, "
    "source_title: the titles of its sources), or the field a diff found changed.",
    "file": "The file name of the source document.",
    "footnotes": "The report's footnotes to this measure.",
    "funding": "The funding sources the planned funds name (Land, ESF, EFRE, JTF, Bund (BMBF)); [] where they "
    "name none.",
    "event_status": "For events: held, planned, reported, announced or funded, as the source states it; else null.",
    "event_date_passed": "For a planned event: true where its date (a day, month or year) has passed today and no "
    "source reports whether it took place, false where it is still ahead; else null.",
    "fields": "The measure fields a diff compared.",
    "summary": "The counts of a diff.",
    "added_measures": "The measures and initiatives only the new store has.",
    "removed_measures": "The measures and initiatives only the old store has.",
    "changed_measures": "The measures whose compared fields differ.",
    "funds": "How the planned funds changed, per basis and per ministry.",
    "old_store": "The path of the old store of a diff.",
    "new_store": "The path of the new store of a diff.",
    "old_count": "The number of measures in the old store.",
    "new_count": "The number of measures in the new store.",
    "added_count": "The number of measures only the new store has.",
    "removed_count": "The number of measures only the old store has.",
    "renumbered_count": "The number of measures whose ID changed.",
    "changed_count": "The number of measures whose compared fields differ.",
    "unchanged_count": "The number of measures whose compared fields are equal.",
    "old_id": "The measure's ID in the old store.",
    "new_id": "The measure's ID in the new store.",
    "renumbered": "True where the measure's ID changed.",
    "matched_by": "How the measure was matched across the stores: title, id or content.",
    "changes": "The fields of the measure that differ.",
    "old": "The field's value in the old store, as in the measure record.",
    "new": "The field's value in the new store, as in the measure record.",
    "values_added": "For list fields: the values only the new store has; else null.",
    "values_removed": "For list fields: the values only the old store has; else null.",
    "words": "For text fields: the word diff; else null.",
    "old_period": "For the runtime: the period derived in the old store; else null.",
    "new_period": "For the runtime: the period derived in the new store; else null.",
    "change_kind": "How a budget item changed: changed, added or removed.",
    "keys": "The keys of the budget item that changed.",
    "old_item": "The budget item in the old store, or null (added).",
    "new_item": "The budget item in the new store, or null (removed).",
    "peak_year": "The year with the largest sum (what --year counts in it), where the data supports one: its sum "
    "without the amounts fko assumes exceeds every other year's sum; else null.",
    "peak_eur": "Integer euros planned in the peak year, or null where there is no peak.",
    "assumed": "True where the amount (of a row) or the sum (of a group or year) rests on an assumption of fko "
    "(see assumptions); null where nothing is counted or summed.",
    "assumed_ids": "The IDs of the measures whose amounts in the sum rest on fko's assumptions, or null.",
    "per_year_approximate": "True where a yearly amount summed is approximate.",
    "total_approximate": "True where a total summed is approximate.",
    "one_year_approximate": "True where an amount for one year summed is approximate.",
    "one_off_approximate": "True where a one-off amount summed is approximate.",
    "per_basis": "The planned funds per basis in both stores.",
    "per_ressort": "The planned funds per ministry and basis in both stores.",
    "old_eur": "Integer euros in the old store: for total the sum of the totals; for per_year, year and "
    "one_off the amount planned in the peak year (never a sum over years that do not run at the same time).",
    "new_eur": "Integer euros in the new store, as old_eur.",
    "change_eur": "new_eur - old_eur.",
    "funds_text": "The report's wording of the planned funds, or null.",
    "goal": "The measure's goal ('Ziel'), or null.",
    "group": "The group's key as text: a cluster numeral, a year, a funding source ('ESF + Land': named together; "
    "'not named'), or by ministry the payer (a ministry code, or BMBF for federal money) or, for a shared measure "
    "whose payer the report does not name, its ministries together ('MAGS + MSB', with --split joint).",
    "id": "The record's own ID: of a measure or initiative, e.g. IV.1; null in a search hit of a record without an "
    "ID of its own (a figure, update or event: see measure_id).",
    "ids": "The IDs of the ministry's measures.",
    "in_common": "The IDs of the measures all compared ministries share (the same on every element).",
    "in_force": "The report's 'Inkrafttreten', or null.",
    "indicators": "The measure's key figures in date order (the records of `fko indicators`).",
    "inference": "What fko concludes beyond the quote, or null.",
    "introduction": "The cluster's introduction in the report.",
    "item": "The number of the budget item within its measure, from 1.",
    "item_count": "The number of budget items in the group.",
    "lead": "The ministry the report names first for the measure (fko's reading of who leads it), or null.",
    "left_out": "Why the row is not in the total: total (a total over several years, without --annualize), no_end "
    "(a total without a stated end, which cannot be spread), years_not_stated, before_report (the yearly amount "
    "of a programme running 'seit' an earlier year, in a year before the report's period), other_payer (with "
    "--ressort: the report says another pays), shared (with --ressort and --split joint: a shared measure whose "
    "payer the report does not name); null where the row counts.",
    "items": "The structured budget items.",
    "item_changes": "For the funds and the runtime: the budget items that changed (with the runtime: whose "
    "derived years moved with it); else null.",
    "key": "The short key of the source document (report, whkt, dhb, rvr, om).",
    "kind": "The sort of record: measure or initiative (measures); money, staff or none (budget items); update, "
    "indicator, event or initiative (changes); measure, initiative, figure or recognition (citations); measure, "
    "initiative, recognition, indicator, update or event (search hits); event or statement (events).",
    "label": "The label the source prints for this part or figure, or null.",
    "latest_indicators": "The latest value of each key figure of the measure on the date `on` (none of a later date).",
    "matched": "The words of the data that matched the query, as they stand in the data (not folded).",
    "measure_id": "The ID of the measure or initiative the record is or belongs to, e.g. IV.1; null where it belongs "
    "to none (the one key that names a measure in every output and export).",
    "measure_title": "The title of the measure the record belongs to, or null.",
    "measures": "The number of measures (a measure shared by several ministries counts for each).",
    "metric": "What the figure counts, in the source's words.",
    "ministries": "The measure's ministries with their names, in the order of ressorts.",
    "name": "The ministry's full name, or null where the store has none.",
    "note": "A note by the source or the reviewer, or null.",
    "numeral": "The cluster's numeral, I … VI.",
    "on": "The date the status is for, YYYY-MM-DD (--on, default today).",
    "one_off_eur": f"{_SUM} that are one-off amounts; null where there is none.",
    "one_year_eur": f"{_SUM} stated for one year; null where there is none.",
    "open_ended": "True where the measure runs without a stated end.",
    "overview": "The cluster's overview text, or null.",
    "overview_title": "The title of the cluster's overview, or null.",
    "partners": "The partners in the implementation ('Partner in der Umsetzung'); [] where the report says '-'.",
    "partners_curated": "True where the partner list was taken from prose by the reviewed curation file.",
    "partners_text": "The report's wording of the partners, or null.",
    "parts": "The periods where the report states several (each with label, text, start, end).",
    "per_cluster": "The number of the ministry's measures in each cluster, by numeral.",
    "per_year_eur": f"{_SUM} that are yearly amounts (euros per year); null where there is none.",
    "period_end": "The end of the interpreted period (of a measure, or of a budget item's amount), YYYY-MM-DD, or "
    "null (open or unknown).",
    "period_start": "The start of the interpreted period (of a measure, or of a budget item's amount), YYYY-MM-DD, "
    "or null (unknown).",
    "place": "Where an event takes place, or null.",
    "placed": "True where the timeline can draw the measure (a start is known).",
    "previous_approximate": "Whether the previous figure is approximate; null where there is none.",
    "previous_date": "The date of the previous figure of the same metric, or null.",
    "previous_qualifier": "The qualifier of the previous figure, or null.",
    "previous_value": "The previous figure of the same metric, or null.",
    "publication": "The report's 'Veröffentlichung', or null.",
    "publisher": "The publisher of the source document, or null.",
    "quantity": "The number of staff (posts, hours) an item names, or null.",
    "qualifier": "The source's qualifier of the figure ('fast', 'rund', 'ca.', 'über', 'mehr als', …), or null.",
    "quote": "The source's words the record is taken from (for a chamber's table row: the body, the years and the "
    "row as the report prints them).",
    "records": "The number of records that cite this source.",
    "quote_of": "What the quote is: the measure's goal or description, or the figure's own words.",
    "source_publisher": "The publisher of the source document, or null.",
    "source_date_note": "How the date of the source document was found, or null.",
    "reports_status": "The status a later development reports for the measure (running, ended, …), or null.",
    "reported_status": "The status a later source reports on or before `on` (it weighs over the runtime's "
    "status in --status unless fko links the report to the measure by its own inference: see weighed_status), "
    "or null.",
    "reported_date": "The date of that report, or null.",
    "reported_source": "The file name of the source of that report, or null.",
    "reported_quote": "The source's words of that report, or null.",
    "reported_inference": "What fko concludes beyond that quote, or null.",
    "ressort": "A ministry's code: the ministry of a portfolio.",
    "payer": "Who pays the item where the report says so: a ministry's code, or BMBF (federal money); null where "
    "the report names no payer (the measure's ministries share it).",
    "payer_text": "The report's words that name the payer, or null.",
    "period_rule": "How the period of a budget item was found (the years the funds state, the runtime's months, a "
    "school or Kita year), in words; null where its years are not stated.",
    "rate_eur": "The yearly rate behind counted_eur in integer euros: a yearly amount (grown where the wording "
    "states an increase), or a total divided by its stated years or spread over its months; null where the amount "
    "counts as stated (one year, one-off) or no year is asked.",
    "months": "How many months of the asked year the amount covers (1-12), for a yearly amount or a spread "
    "total; null where no year is asked or the amount is stated for the year.",
    "share": "The part of the amount counted for the asked ministries (--split equal on a shared measure), or "
    "null where the amount counts whole.",
    "shared_eur": "Integer euros of a ministry group's sum from shared measures whose payer the report does not "
    "name (counted in full for each ministry with --split full, divided with --split equal); null for other "
    "groupings and without --year.",
    "stated_years": "The number of years a total is for where the wording states it ('für 4 Jahre'), or null.",
    "growth_percent": "The yearly increase the wording states, in per cent ('zzgl. 3 Prozent pro Jahr'), or null.",
    "growth_until": "The last year of that increase ('bis 2027'), or null.",
    "caveat": "The source's own caveat on the figure, quoted (the WHKT: the statistic counts only BQFG "
    "procedures), or null.",
    "ressorts": 'The codes of the measure\'s ministries, e.g. ["MKJFGFI", "MSB"].',
    "ressorts_text": "The report's wording of the ministries ('Ressort').",
    "runtime": "The runtime: the report's wording and the dates it states.",
    "score": "The relevance of the hit, 0-100 (100: the exact ID, an alias or a cluster numeral).",
    "shared": "True where the measure has more than one ministry and the report names no payer for the item.",
    "shared_measures": "The IDs of the ministry's measures that other ministries share.",
    "shared_with": "With --ressort: the other ministries of a shared measure; else [].",
    "snippet": "The text around the best match.",
    "source": "The file name of the source document the record comes from.",
    "source_date": f"The date of the source document, {_ISO}, or null.",
    "source_key": "The short key of the source document (report, whkt, dhb, rvr, om), or null.",
    "source_lines": "The first and last line of the record (a measure, or a figure's quote) in the source file, or "
    "null.",
    "source_title": "The title of the source document, or null.",
    "staff": "The staff the planned funds name (not euros, not summed).",
    "start": f"The start date the wording states (in a diff's period: the derived start), {_ISO}, or null.",
    "status": "The status on the date `on` derived from the report's runtime: planned, expected (a start the "
    "report only expects, 'voraussichtlich', or a draft, before its date), running, ended or unknown (a running "
    "measure without an end is open_ended).",
    "status_note": "The report's own words that qualify the status ('weitere Durchgänge geplant', 'mit dem "
    "Haushaltsplan 2024 verstetigt', 'Inkrafttreten voraussichtlich 4. Quartal 2024'), or null.",
    "weighed_status": "The status --status selects by: reported_status where a later source reports it and "
    "reported_inference is null, else status.",
    "status_derived": "True where the status rests on a rule that interprets the wording (see status_rule).",
    "status_rule": "The rule the status was found by, in words.",
    "target": "True where the figure is a target, not a result.",
    "text": "The source's exact wording.",
    "title": "The title of the record as its source prints it.",
    "total_eur": f"{_SUM} that are totals over several years; null where there is none.",
    "unit": "The unit of the figure (EUR, %, Stellen, …), or null for a count.",
    "updates": "Later developments of the measure reported by newer sources, in date order.",
    "events": "Dated events and statements of the sources about the record, in date order.",
    "urls": "The links, rejoined where the PDF broke them, without duplicates.",
    "urls_text": "The report's wording of the links ('Internetpräsenz'), or null.",
    "value": "The figure as a number (raw, never formatted).",
    "year": "A calendar year (of a figure, or the year a budget group's sums are for), or null where none is stated.",
    "year_from": "The first year an amount covers, or null.",
    "year_to": "The last year an amount covers, or null (open or not stated).",
    "year_total_eur": f"{_SUM} counted in the year (with --year or --by year: what --year counts); null where this "
    "sum is not made.",
    "years_derived": "True where the years of the item come from the runtime, not its own wording.",
}
