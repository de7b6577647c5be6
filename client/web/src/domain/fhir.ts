// A decrypted FHIR R4 resource in plain words: what the patient reads when they open a record in
// the portal (a title, a kind, a date and label/value lines), never the raw JSON. The resource is
// untrusted, so any shape is read without throwing and wrong-typed fields are skipped.

/** One line of a record: a label and its value, both plain text. */
export interface Fact {
  label: string
  value: string
}

/** A record in words, for the portal to show as text nodes. */
export interface Readable {
  /** e.g. "HbA1c" or "Penicillin allergy": what a patient calls it */
  title: string
  /** the kind in words: "Lab result", "Condition", "Medication", "Allergy", "Immunization", ... */
  kind: string
  /** when (effective/onset/recorded/issued/date/occurrence), as the source's text (ISO date), if any */
  when?: string
  /** ordered label/value lines: value with unit, interpretation, reference range, dosage, status, note, ... */
  facts: Fact[]
}

/** Longest string in the output, the ellipsis of a cut included. */
const MAX_TEXT = 500
/** Most facts of one record, and most items read from any one list. */
const MAX_FACTS = 50

/**
 * The resource in words. Never throws: a non-object is an "Unreadable record", a resource type
 * the portal does not know is a "Record" titled by its type, and fields of the wrong type are
 * left out. Every string is trimmed and at most 500 characters; there are at most 50 facts.
 */
export function readable(resource: unknown): Readable {
  try {
    return describe(resource)
  } catch {
    // Only a hostile object (a throwing getter, a proxy) gets here; parsed JSON cannot.
    return unreadable()
  }
}

const unreadable = (): Readable => ({ title: "Unreadable record", kind: "Record", facts: [] })

function describe(resource: unknown): Readable {
  const r = obj(resource)
  if (r === undefined) return unreadable()
  const type = str(r.resourceType)
  const describer = type === undefined ? undefined : DESCRIBERS.get(type)
  const facts = new Facts()
  const heading: Heading = describer ? describer(r, facts) : { kind: "Record", title: type ?? "Unknown record" }
  if (!facts.has("Status")) facts.add("Status", word(r.status))
  for (const note of list(r.note)) facts.add("Note", str(obj(note)?.text))
  const out: Readable = { title: cap(heading.title ?? heading.kind), kind: heading.kind, facts: facts.lines }
  if (heading.when !== undefined) out.when = cap(heading.when)
  return out
}

// --- The resource types ---------------------------------------------------------------------

type Obj = Record<string, unknown>

/** What a describer says of a record besides its facts; the title falls back to the kind. */
interface Heading {
  kind: string
  title?: string | undefined
  when?: string | undefined
}

/** Adds a resource's own facts (status and notes are added for every type) and names it. */
type Describe = (r: Obj, facts: Facts) => Heading

function patient(r: Obj, facts: Facts): Heading {
  const name = obj(list(r.name)[0])
  const spoken = str(name?.text) ?? joined([...list(name?.given).map(str), str(name?.family)], " ")
  facts
    .add("Date of birth", str(r.birthDate))
    .add("Gender", word(r.gender))
    .add("Deceased", str(r.deceasedDateTime) ?? yesNo(r.deceasedBoolean))
  return { kind: "Patient", title: spoken }
}

function allergyIntolerance(r: Obj, facts: Facts): Heading {
  facts
    .add("Status", status(r.clinicalStatus))
    .add("Verification", status(r.verificationStatus))
    .add("Type", word(r.type))
    .add("Category", joined(list(r.category).map(word)))
    .add("Criticality", word(r.criticality))
  for (const reaction of list(r.reaction).map(obj)) {
    const manifestations = joined(texts(reaction?.manifestation))
    facts.add("Reaction", manifestations ?? str(reaction?.description)).add("Severity", word(reaction?.severity))
  }
  facts.add("Recorded by", display(r.recorder) ?? display(r.asserter))
  return {
    kind: "Allergy",
    title: text(r.code),
    when: str(r.onsetDateTime) ?? start(r.onsetPeriod) ?? str(r.recordedDate),
  }
}

function medicationStatement(r: Obj, facts: Facts): Heading {
  dosages(facts, r.dosage)
  facts.add("Reason", joined(texts(r.reasonCode)))
  return {
    kind: "Medication",
    title: medication(r),
    when: str(r.effectiveDateTime) ?? start(r.effectivePeriod) ?? str(r.dateAsserted),
  }
}

function medicationRequest(r: Obj, facts: Facts): Heading {
  dosages(facts, r.dosageInstruction)
  facts.add("Reason", joined(texts(r.reasonCode))).add("Prescribed by", display(r.requester))
  return { kind: "Prescription", title: medication(r), when: str(r.authoredOn) }
}

function condition(r: Obj, facts: Facts): Heading {
  facts
    .add("Status", status(r.clinicalStatus))
    .add("Verification", status(r.verificationStatus))
    .add("Severity", text(r.severity))
    .add("Body site", joined(texts(r.bodySite)))
    .add("Resolved", str(r.abatementDateTime) ?? start(r.abatementPeriod) ?? str(r.abatementString))
    .add("Recorded by", display(r.recorder) ?? display(r.asserter))
  return {
    kind: "Condition",
    title: text(r.code),
    when: str(r.onsetDateTime) ?? start(r.onsetPeriod) ?? str(r.recordedDate),
  }
}

function observation(r: Obj, facts: Facts): Heading {
  facts.add("Value", value(r) ?? text(r.dataAbsentReason))
  // Parts of one measurement, e.g. a blood pressure's systolic and diastolic values.
  for (const component of list(r.component).map(obj)) {
    if (component === undefined) continue
    facts.add(text(component.code) ?? "Component", value(component) ?? text(component.dataAbsentReason))
  }
  facts
    .add("Interpretation", joined(list(r.interpretation).map((c) => text(c, interpretation))))
    .add("Reference range", referenceRange(list(r.referenceRange)[0]))
    .add("Body site", text(r.bodySite))
    .add("Performed by", joined(list(r.performer).map(display)))
  const categories = categoryCodes(r)
  return {
    kind: categories.includes("laboratory")
      ? "Lab result"
      : categories.includes("vital-signs")
        ? "Vital sign"
        : "Observation",
    title: text(r.code),
    when: str(r.effectiveDateTime) ?? start(r.effectivePeriod) ?? str(r.effectiveInstant) ?? str(r.issued),
  }
}

function diagnosticReport(r: Obj, facts: Facts): Heading {
  facts.add("Conclusion", str(r.conclusion))
  for (const finding of texts(r.conclusionCode)) facts.add("Finding", finding)
  for (const result of list(r.result)) facts.add("Result", display(result))
  facts
    .add("Performed by", joined(list(r.performer).map(display)))
    .add("Interpreted by", joined(list(r.resultsInterpreter).map(display)))
  return {
    kind: categoryCodes(r).includes("LAB") ? "Lab report" : "Report",
    title: text(r.code),
    when: str(r.effectiveDateTime) ?? start(r.effectivePeriod) ?? str(r.issued),
  }
}

function imagingStudy(r: Obj, facts: Facts): Heading {
  // R4 has `modality` as Codings; R5 made it CodeableConcepts.
  facts
    .add("Modality", joined(list(r.modality).map((m) => coding(m) ?? text(m))))
    .add("Series", num(r.numberOfSeries))
    .add("Images", num(r.numberOfInstances))
    .add("Reason", joined(texts(r.reasonCode)))
    .add("Referred by", display(r.referrer))
  return {
    kind: "Imaging study",
    title: str(r.description) ?? first(list(r.procedureCode), (c) => text(c)),
    when: str(r.started),
  }
}

function immunization(r: Obj, facts: Facts): Heading {
  facts
    .add("Dose", quantity(r.doseQuantity))
    .add(
      "Dose number",
      first(list(r.protocolApplied).map(obj), (p) => num(p?.doseNumberPositiveInt) ?? str(p?.doseNumberString)),
    )
    .add("Lot number", str(r.lotNumber))
    .add("Manufacturer", display(r.manufacturer))
    .add("Site", text(r.site))
    .add("Route", text(r.route))
    .add("Given by", joined(list(r.performer).map((p) => display(obj(p)?.actor))))
    .add("Reason not given", text(r.statusReason))
  return {
    kind: "Immunization",
    title: text(r.vaccineCode),
    when: str(r.occurrenceDateTime) ?? str(r.occurrenceString) ?? str(r.recorded),
  }
}

function procedure(r: Obj, facts: Facts): Heading {
  facts
    .add("Performed by", joined(list(r.performer).map((p) => display(obj(p)?.actor))))
    .add("Reason", joined(texts(r.reasonCode)))
    .add("Body site", joined(texts(r.bodySite)))
    .add("Outcome", text(r.outcome))
    .add("Location", display(r.location))
  return {
    kind: "Procedure",
    title: text(r.code),
    when: str(r.performedDateTime) ?? start(r.performedPeriod) ?? str(r.performedString),
  }
}

function documentReference(r: Obj, facts: Facts): Heading {
  const type = text(r.type)
  const title = str(r.description) ?? type
  facts
    .add("Type", type === title ? undefined : type)
    .add("Category", joined(texts(r.category)))
    .add("Author", joined(list(r.author).map(display)))
  // An attachment by its name and format only: its `data` and `url` are never shown.
  for (const content of list(r.content)) {
    const attachment = obj(obj(content)?.attachment)
    const name = str(attachment?.title)
    const format = str(attachment?.contentType)
    facts.add("Attachment", name !== undefined && format !== undefined ? `${name} (${format})` : (name ?? format))
  }
  return { kind: "Document", title, when: str(r.date) ?? start(obj(r.context)?.period) }
}

function composition(r: Obj, facts: Facts): Heading {
  const type = text(r.type)
  const title = str(r.title) ?? type
  facts.add("Type", type === title ? undefined : type).add("Author", joined(list(r.author).map(display)))
  // Section titles only: a section's `text` is XHTML narrative, not for a text node.
  for (const section of list(r.section)) facts.add("Section", str(obj(section)?.title))
  return { kind: "Clinical document", title, when: str(r.date) }
}

function familyMemberHistory(r: Obj, facts: Facts): Heading {
  facts
    .add("Name", str(r.name))
    .add("Sex", text(r.sex))
    .add("Deceased", yesNo(r.deceasedBoolean) ?? str(r.deceasedDate) ?? str(r.deceasedString))
  for (const c of list(r.condition)) facts.add("Condition", text(obj(c)?.code))
  return { kind: "Family history", title: text(r.relationship), when: str(r.date) }
}

/** The resource types the gateway accepts (a Map, so that "constructor" is not a type). */
const DESCRIBERS = new Map<string, Describe>([
  ["Patient", patient],
  ["AllergyIntolerance", allergyIntolerance],
  ["MedicationStatement", medicationStatement],
  ["MedicationRequest", medicationRequest],
  ["Condition", condition],
  ["Observation", observation],
  ["DiagnosticReport", diagnosticReport],
  ["ImagingStudy", imagingStudy],
  ["Immunization", immunization],
  ["Procedure", procedure],
  ["DocumentReference", documentReference],
  ["Composition", composition],
  ["FamilyMemberHistory", familyMemberHistory],
])

// --- Shared parts of resources --------------------------------------------------------------

function medication(r: Obj): string | undefined {
  return text(r.medicationCodeableConcept) ?? display(r.medicationReference)
}

function dosages(facts: Facts, dosage: unknown): void {
  for (const d of list(dosage).map(obj)) facts.add("Dosage", str(d?.text) ?? str(d?.patientInstruction))
}

/** The codes of a resource's `category` CodeableConcepts. */
function categoryCodes(r: Obj): (string | undefined)[] {
  return list(r.category)
    .flatMap((c) => list(obj(c)?.coding))
    .map((c) => str(obj(c)?.code))
}

/** Words for the v3 ObservationInterpretation codes, for a coding with no display. */
const INTERPRETATIONS = new Map([
  ["H", "High"],
  ["HH", "Critically high"],
  ["HU", "Very high"],
  ["L", "Low"],
  ["LL", "Critically low"],
  ["LU", "Very low"],
  ["N", "Normal"],
  ["A", "Abnormal"],
  ["AA", "Critically abnormal"],
  ["POS", "Positive"],
  ["NEG", "Negative"],
  ["DET", "Detected"],
  ["ND", "Not detected"],
  ["IND", "Indeterminate"],
])
const interpretation = (code: string): string => INTERPRETATIONS.get(code) ?? code

/** An Observation's (or a component's) `value[x]`. */
function value(o: Obj): string | undefined {
  const valueRange = obj(o.valueRange)
  return (
    quantity(o.valueQuantity) ??
    text(o.valueCodeableConcept) ??
    str(o.valueString) ??
    yesNo(o.valueBoolean) ??
    num(o.valueInteger) ??
    range(valueRange?.low, valueRange?.high) ??
    ratio(o.valueRatio) ??
    str(o.valueDateTime) ??
    str(o.valueTime) ??
    period(o.valuePeriod)
  )
}

/** A `referenceRange` entry: "4 to 5.6 %", with its text after it if it has both. */
function referenceRange(x: unknown): string | undefined {
  const rr = obj(x)
  const bounds = range(rr?.low, rr?.high)
  const words = str(rr?.text)
  return bounds !== undefined && words !== undefined ? `${bounds} (${words})` : (bounds ?? words)
}

// --- FHIR data types --------------------------------------------------------------------------

/** A Quantity's number (behind its comparator, if any) and unit. */
interface Amount {
  number: string
  unit: string | undefined
}

const COMPARATORS = new Set(["<", "<=", ">=", ">"])

function amount(x: unknown): Amount | undefined {
  const q = obj(x)
  const n = num(q?.value)
  if (n === undefined) return undefined
  const comparator = str(q?.comparator)
  const prefix = comparator !== undefined && COMPARATORS.has(comparator) ? comparator : ""
  return { number: prefix + n, unit: str(q?.unit) ?? str(q?.code) }
}

const show = (a: Amount): string => (a.unit === undefined ? a.number : `${a.number} ${a.unit}`)

/** A Quantity: "6.1 %"; nothing without a numeric value. */
function quantity(x: unknown): string | undefined {
  const a = amount(x)
  return a === undefined ? undefined : show(a)
}

/** Two Quantities as a range: "4 to 5.6 %", "at least 4 %", "at most 5.6 %". */
function range(lowX: unknown, highX: unknown): string | undefined {
  const low = amount(lowX)
  const high = amount(highX)
  if (low !== undefined && high !== undefined) {
    return low.unit === high.unit
      ? show({ number: `${low.number} to ${high.number}`, unit: high.unit })
      : `${show(low)} to ${show(high)}`
  }
  if (low !== undefined) return `at least ${show(low)}`
  if (high !== undefined) return `at most ${show(high)}`
  return undefined
}

function ratio(x: unknown): string | undefined {
  const r = obj(x)
  const top = quantity(r?.numerator)
  const bottom = quantity(r?.denominator)
  return top !== undefined && bottom !== undefined ? `${top} / ${bottom}` : undefined
}

function period(x: unknown): string | undefined {
  const from = start(x)
  const to = str(obj(x)?.end)
  if (from !== undefined && to !== undefined) return `${from} to ${to}`
  if (from !== undefined) return `from ${from}`
  return to === undefined ? undefined : `until ${to}`
}

const start = (p: unknown): string | undefined => str(obj(p)?.start)

/**
 * A CodeableConcept in words: its `text`, else the first coding's `display`, else the first
 * coding's `code` (through `fromCode`, which may put a known code into words).
 */
function text(x: unknown, fromCode: (code: string) => string = (code) => code): string | undefined {
  const cc = obj(x)
  if (cc === undefined) return undefined
  const codings = list(cc.coding).map(obj)
  const code = first(codings, (c) => str(c?.code))
  const label = str(cc.text) ?? first(codings, (c) => str(c?.display))
  return label ?? (code === undefined ? undefined : fromCode(code))
}

const texts = (x: unknown): (string | undefined)[] => list(x).map((c) => text(c))

/** A status CodeableConcept, a bare code put into words ("active" → "Active"). */
const status = (x: unknown): string | undefined => text(x, humane)

/** A Coding: its `display`, else its `code`. */
const coding = (x: unknown): string | undefined => str(obj(x)?.display) ?? str(obj(x)?.code)

/** A Reference by its `display` (never its `reference`, which means nothing to a patient). */
const display = (x: unknown): string | undefined => str(obj(x)?.display)

// --- Plain values -----------------------------------------------------------------------------

/** A string, trimmed and capped; nothing for an empty one or for any other type. */
function str(x: unknown): string | undefined {
  if (typeof x !== "string") return undefined
  const t = cap(x)
  return t === "" ? undefined : t
}

const num = (x: unknown): string | undefined =>
  typeof x === "number" && Number.isFinite(x) ? String(x) : undefined

const yesNo = (x: unknown): string | undefined => (typeof x === "boolean" ? (x ? "yes" : "no") : undefined)

/** A FHIR `code` in words: "entered-in-error" → "Entered in error". */
function word(x: unknown): string | undefined {
  const code = str(x)
  return code === undefined ? undefined : humane(code)
}

function humane(code: string): string {
  const spaced = code.replace(/[-_]+/g, " ")
  return spaced.charAt(0).toUpperCase() + spaced.slice(1)
}

/** Trimmed, and cut to MAX_TEXT characters with an ellipsis (never inside a surrogate pair). */
function cap(s: string): string {
  const t = s.trim()
  if (t.length <= MAX_TEXT) return t
  let cut = t.slice(0, MAX_TEXT - 1)
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1)
  return `${cut.trimEnd()}…`
}

function joined(items: readonly (string | undefined)[], separator = ", "): string | undefined {
  const present = items.filter((item): item is string => item !== undefined)
  return present.length > 0 ? present.join(separator) : undefined
}

function first<I, T>(items: readonly I[], pick: (item: I) => T | undefined): T | undefined {
  for (const item of items) {
    const picked = pick(item)
    if (picked !== undefined) return picked
  }
  return undefined
}

const obj = (x: unknown): Obj | undefined =>
  typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Obj) : undefined

/** An array's first MAX_FACTS items; nothing for anything else. */
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x.slice(0, MAX_FACTS) : [])

/** The facts of one record in order: missing values are skipped, and the list stops at MAX_FACTS. */
class Facts {
  readonly lines: Fact[] = []

  add(label: string, value: string | undefined): this {
    if (value === undefined || this.lines.length >= MAX_FACTS) return this
    const capped = cap(value)
    if (capped !== "") this.lines.push({ label: cap(label), value: capped })
    return this
  }

  has(label: string): boolean {
    return this.lines.some((fact) => fact.label === label)
  }
}
