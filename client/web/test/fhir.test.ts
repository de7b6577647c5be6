// The portal's plain-words view of FHIR R4 resources (`src/domain/fhir.ts`): what a patient reads
// for each resource type the gateway accepts, and how it holds up against malformed or hostile JSON.

import { describe, expect, it } from "vitest"
import { readable, type Readable } from "../src/domain/fhir.js"

const LOINC = "http://loinc.org"
const SNOMED = "http://snomed.info/sct"

const hba1c = {
  resourceType: "Observation",
  status: "final",
  category: [
    { coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "laboratory" }] },
  ],
  code: {
    coding: [{ system: LOINC, code: "4548-4", display: "Hemoglobin A1c/Hemoglobin.total in Blood" }],
    text: "HbA1c",
  },
  effectiveDateTime: "2024-03-05T09:30:00Z",
  valueQuantity: { value: 6.1, unit: "%", system: "http://unitsofmeasure.org", code: "%" },
  interpretation: [
    { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", code: "H" }] },
  ],
  referenceRange: [{ low: { value: 4, unit: "%" }, high: { value: 5.6, unit: "%" } }],
  note: [{ text: "  Fasting sample.  " }],
}

/** No trace of a wrong-typed field's rendering anywhere in the output. */
function expectClean(out: Readable): void {
  const json = JSON.stringify(out)
  for (const junk of ["[object", "undefined", "null", "NaN", "true", "false"]) expect(json).not.toContain(junk)
  expect(typeof out.title).toBe("string")
  expect(out.title).not.toBe("")
  expect(typeof out.kind).toBe("string")
  for (const { label, value } of out.facts) {
    expect(typeof label).toBe("string")
    expect(typeof value).toBe("string")
    expect(value).not.toBe("")
  }
}

/** Every string in the output, for the length checks. */
const strings = (out: Readable): string[] => [
  out.title,
  out.kind,
  ...(out.when === undefined ? [] : [out.when]),
  ...out.facts.flatMap((f) => [f.label, f.value]),
]

describe("readable FHIR records", () => {
  it("reads an HbA1c lab result with value, interpretation, range, status and note", () => {
    expect(readable(hba1c)).toEqual({
      title: "HbA1c",
      kind: "Lab result",
      when: "2024-03-05T09:30:00Z",
      facts: [
        { label: "Value", value: "6.1 %" },
        { label: "Interpretation", value: "High" },
        { label: "Reference range", value: "4 to 5.6 %" },
        { label: "Status", value: "Final" },
        { label: "Note", value: "Fasting sample." },
      ],
    })
  })

  it("names an observation by its kind of category, and by a coding when it has no text", () => {
    const untitled = { ...hba1c, code: { coding: hba1c.code.coding } }
    expect(readable(untitled).title).toBe("Hemoglobin A1c/Hemoglobin.total in Blood")
    const vital = { ...hba1c, category: [{ coding: [{ code: "vital-signs" }] }] }
    expect(readable(vital).kind).toBe("Vital sign")
    expect(readable({ ...hba1c, category: undefined }).kind).toBe("Observation")
    expect(readable({ ...hba1c, category: [{ coding: [{ code: "social-history" }] }] }).kind).toBe("Observation")
    expect(readable({ ...hba1c, code: { coding: [{ code: "4548-4" }] } }).title).toBe("4548-4")
  })

  it("reads a blood pressure's components as facts of their own", () => {
    const bp = {
      resourceType: "Observation",
      status: "final",
      category: [{ coding: [{ code: "vital-signs" }] }],
      code: { coding: [{ system: LOINC, code: "85354-9", display: "Blood pressure panel" }], text: "Blood pressure" },
      effectivePeriod: { start: "2024-02-01T08:00:00Z", end: "2024-02-01T08:05:00Z" },
      component: [
        {
          code: { coding: [{ system: LOINC, code: "8480-6", display: "Systolic blood pressure" }] },
          valueQuantity: { value: 128, unit: "mmHg" },
        },
        {
          code: { coding: [{ system: LOINC, code: "8462-4", display: "Diastolic blood pressure" }] },
          valueQuantity: { value: 82, code: "mm[Hg]" },
        },
      ],
    }
    expect(readable(bp)).toEqual({
      title: "Blood pressure",
      kind: "Vital sign",
      when: "2024-02-01T08:00:00Z",
      facts: [
        { label: "Systolic blood pressure", value: "128 mmHg" },
        { label: "Diastolic blood pressure", value: "82 mm[Hg]" },
        { label: "Status", value: "Final" },
      ],
    })
  })

  it("reads the other kinds of observation value", () => {
    const base = { resourceType: "Observation", code: { text: "Test" } }
    const value = (fields: object) => readable({ ...base, ...fields }).facts.find((f) => f.label === "Value")?.value
    expect(value({ valueString: "  Negative " })).toBe("Negative")
    expect(value({ valueCodeableConcept: { coding: [{ code: "260385009", display: "Negative" }] } })).toBe("Negative")
    expect(value({ valueBoolean: false })).toBe("no")
    expect(value({ valueInteger: 3 })).toBe("3")
    expect(value({ valueQuantity: { value: 100, comparator: "<", unit: "mg/dL" } })).toBe("<100 mg/dL")
    expect(value({ valueRange: { low: { value: 1, unit: "g" }, high: { value: 2, unit: "kg" } } })).toBe("1 g to 2 kg")
    expect(value({ dataAbsentReason: { text: "Sample haemolysed" } })).toBe("Sample haemolysed")
  })

  it("reads a condition with its status, verification and recorder", () => {
    const diabetes = {
      resourceType: "Condition",
      clinicalStatus: {
        coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: "active" }],
      },
      verificationStatus: { coding: [{ code: "confirmed", display: "Confirmed" }] },
      code: { coding: [{ system: SNOMED, code: "44054006", display: "Diabetes mellitus type 2" }] },
      onsetDateTime: "2019-06-01",
      recorder: { reference: "Practitioner/17", display: "Dr Ana Silva" },
      note: [{ text: "Diet-controlled until 2021." }, { text: 7 }],
    }
    expect(readable(diabetes)).toEqual({
      title: "Diabetes mellitus type 2",
      kind: "Condition",
      when: "2019-06-01",
      facts: [
        { label: "Status", value: "Active" },
        { label: "Verification", value: "Confirmed" },
        { label: "Recorded by", value: "Dr Ana Silva" },
        { label: "Note", value: "Diet-controlled until 2021." },
      ],
    })
  })

  it("reads an allergy with its criticality and reaction", () => {
    const penicillin = {
      resourceType: "AllergyIntolerance",
      clinicalStatus: { coding: [{ code: "active" }] },
      type: "allergy",
      category: ["medication"],
      criticality: "high",
      code: {
        text: "Penicillin allergy",
        coding: [{ system: SNOMED, code: "91936005", display: "Allergy to penicillin" }],
      },
      recordedDate: "2015-04-12",
      reaction: [
        { manifestation: [{ coding: [{ display: "Hives" }] }, { text: "Shortness of breath" }], severity: "severe" },
      ],
    }
    expect(readable(penicillin)).toEqual({
      title: "Penicillin allergy",
      kind: "Allergy",
      when: "2015-04-12",
      facts: [
        { label: "Status", value: "Active" },
        { label: "Type", value: "Allergy" },
        { label: "Category", value: "Medication" },
        { label: "Criticality", value: "High" },
        { label: "Reaction", value: "Hives, Shortness of breath" },
        { label: "Severity", value: "Severe" },
      ],
    })
  })

  it("reads a medication statement's dosage and a prescription's prescriber", () => {
    const metformin = {
      resourceType: "MedicationStatement",
      status: "active",
      medicationCodeableConcept: { coding: [{ code: "860975", display: "Metformin 500 mg oral tablet" }] },
      effectivePeriod: { start: "2021-01-10" },
      dosage: [{ text: "One tablet twice a day with meals" }, { text: 42 }],
      reasonCode: [{ text: "Type 2 diabetes" }],
    }
    expect(readable(metformin)).toEqual({
      title: "Metformin 500 mg oral tablet",
      kind: "Medication",
      when: "2021-01-10",
      facts: [
        { label: "Dosage", value: "One tablet twice a day with meals" },
        { label: "Reason", value: "Type 2 diabetes" },
        { label: "Status", value: "Active" },
      ],
    })
    const prescription = readable({
      resourceType: "MedicationRequest",
      status: "active",
      intent: "order",
      medicationReference: { reference: "Medication/3", display: "Amoxicillin 250 mg" },
      authoredOn: "2024-01-03",
      requester: { display: "Dr Okafor" },
      dosageInstruction: [{ text: "Three times a day for 7 days" }],
    })
    expect(prescription).toEqual({
      title: "Amoxicillin 250 mg",
      kind: "Prescription",
      when: "2024-01-03",
      facts: [
        { label: "Dosage", value: "Three times a day for 7 days" },
        { label: "Prescribed by", value: "Dr Okafor" },
        { label: "Status", value: "Active" },
      ],
    })
  })

  it("reads an immunization, skipping a lot number that is not a string", () => {
    const covid = {
      resourceType: "Immunization",
      status: "completed",
      vaccineCode: {
        coding: [{ code: "208", display: "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose" }],
        text: "COVID-19 vaccine",
      },
      occurrenceDateTime: "2021-05-20",
      lotNumber: "EW0182",
      doseQuantity: { value: 0.3, unit: "mL" },
      site: { coding: [{ display: "Left arm" }] },
      route: { text: "Intramuscular" },
      performer: [{ actor: { reference: "Practitioner/9", display: "Nurse Joy" } }],
      protocolApplied: [{ doseNumberPositiveInt: 2 }],
    }
    expect(readable(covid)).toEqual({
      title: "COVID-19 vaccine",
      kind: "Immunization",
      when: "2021-05-20",
      facts: [
        { label: "Dose", value: "0.3 mL" },
        { label: "Dose number", value: "2" },
        { label: "Lot number", value: "EW0182" },
        { label: "Site", value: "Left arm" },
        { label: "Route", value: "Intramuscular" },
        { label: "Given by", value: "Nurse Joy" },
        { label: "Status", value: "Completed" },
      ],
    })
    const labels = readable({ ...covid, lotNumber: 12345 }).facts.map((f) => f.label)
    expect(labels).not.toContain("Lot number")
  })

  it("names a document's attachments but never renders their data or address", () => {
    const discharge = {
      resourceType: "DocumentReference",
      status: "current",
      type: { coding: [{ display: "Discharge summary" }] },
      description: "Discharge after knee surgery",
      date: "2023-11-02T14:00:00Z",
      author: [{ display: "St Mary's Hospital" }],
      content: [
        {
          attachment: {
            contentType: "application/pdf",
            title: "discharge.pdf",
            data: "JVBERi0xLjQKc2VjcmV0",
            url: "https://files.example.org/secret.pdf",
          },
        },
        { attachment: { contentType: "text/plain", data: "SGVsbG8gd29ybGQ=" } },
      ],
    }
    const out = readable(discharge)
    expect(out).toEqual({
      title: "Discharge after knee surgery",
      kind: "Document",
      when: "2023-11-02T14:00:00Z",
      facts: [
        { label: "Type", value: "Discharge summary" },
        { label: "Author", value: "St Mary's Hospital" },
        { label: "Attachment", value: "discharge.pdf (application/pdf)" },
        { label: "Attachment", value: "text/plain" },
        { label: "Status", value: "Current" },
      ],
    })
    const json = JSON.stringify(out)
    for (const secret of ["JVBERi0", "SGVsbG8", "files.example.org"]) expect(json).not.toContain(secret)
  })

  it("reads the remaining resource types", () => {
    expect(
      readable({
        resourceType: "Patient",
        name: [{ given: ["Maria", 5, "José"], family: "Santos" }, { text: "Not this one" }],
        birthDate: "1980-07-14",
        gender: "female",
      }),
    ).toEqual({
      title: "Maria José Santos",
      kind: "Patient",
      facts: [
        { label: "Date of birth", value: "1980-07-14" },
        { label: "Gender", value: "Female" },
      ],
    })
    expect(
      readable({
        resourceType: "Procedure",
        status: "completed",
        code: { text: "Knee arthroscopy" },
        performedPeriod: { start: "2023-10-30" },
        performer: [{ actor: { display: "Dr Chen" } }],
      }),
    ).toEqual({
      title: "Knee arthroscopy",
      kind: "Procedure",
      when: "2023-10-30",
      facts: [
        { label: "Performed by", value: "Dr Chen" },
        { label: "Status", value: "Completed" },
      ],
    })
    expect(
      readable({
        resourceType: "DiagnosticReport",
        status: "final",
        category: [{ coding: [{ code: "LAB" }] }],
        code: { text: "Lipid panel" },
        issued: "2024-03-06T10:00:00Z",
        conclusion: "Borderline high LDL.",
        conclusionCode: [{ coding: [{ display: "Hyperlipidaemia" }] }],
        result: [{ reference: "Observation/1", display: "LDL cholesterol" }],
      }),
    ).toEqual({
      title: "Lipid panel",
      kind: "Lab report",
      when: "2024-03-06T10:00:00Z",
      facts: [
        { label: "Conclusion", value: "Borderline high LDL." },
        { label: "Finding", value: "Hyperlipidaemia" },
        { label: "Result", value: "LDL cholesterol" },
        { label: "Status", value: "Final" },
      ],
    })
    expect(
      readable({
        resourceType: "ImagingStudy",
        status: "available",
        description: "CT chest",
        modality: [{ system: "http://dicom.nema.org/resources/ontology/DCM", code: "CT" }],
        numberOfSeries: 3,
        numberOfInstances: "many",
        started: "2022-09-01T11:20:00Z",
      }),
    ).toEqual({
      title: "CT chest",
      kind: "Imaging study",
      when: "2022-09-01T11:20:00Z",
      facts: [
        { label: "Modality", value: "CT" },
        { label: "Series", value: "3" },
        { label: "Status", value: "Available" },
      ],
    })
    const summary = readable({
      resourceType: "Composition",
      status: "final",
      type: { text: "Discharge summary" },
      title: "Discharge summary, ward 4",
      date: "2023-11-02",
      section: [
        {
          title: "Medications",
          text: { status: "generated", div: "<div xmlns='http://www.w3.org/1999/xhtml'>Metformin</div>" },
        },
        { title: "Follow-up" },
      ],
    })
    expect(summary).toEqual({
      title: "Discharge summary, ward 4",
      kind: "Clinical document",
      when: "2023-11-02",
      facts: [
        { label: "Type", value: "Discharge summary" },
        { label: "Section", value: "Medications" },
        { label: "Section", value: "Follow-up" },
        { label: "Status", value: "Final" },
      ],
    })
    expect(JSON.stringify(summary)).not.toMatch(/<div|xhtml/)
    expect(
      readable({
        resourceType: "FamilyMemberHistory",
        status: "completed",
        relationship: { coding: [{ code: "MTH", display: "mother" }] },
        condition: [{ code: { text: "Breast cancer" } }, { code: { text: "Hypertension" } }],
      }),
    ).toEqual({
      title: "mother",
      kind: "Family history",
      facts: [
        { label: "Condition", value: "Breast cancer" },
        { label: "Condition", value: "Hypertension" },
        { label: "Status", value: "Completed" },
      ],
    })
  })

  it("reads an unknown resource type as a generic record", () => {
    expect(readable({ resourceType: "Encounter", status: "finished", note: [{ text: "Walk-in." }] })).toEqual({
      title: "Encounter",
      kind: "Record",
      facts: [
        { label: "Status", value: "Finished" },
        { label: "Note", value: "Walk-in." },
      ],
    })
    // Names of Object.prototype's members are unknown types too, not describers.
    for (const type of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const out = readable(JSON.parse(`{"resourceType": ${JSON.stringify(type)}}`))
      expect(out).toEqual({ title: type, kind: "Record", facts: [] })
    }
    for (const nameless of [{}, { resourceType: 7 }, { resourceType: "   " }, { resourceType: ["Observation"] }]) {
      expect(readable(nameless)).toEqual({ title: "Unknown record", kind: "Record", facts: [] })
    }
  })

  it("gives an unreadable record for anything that is not an object, and never throws", () => {
    const unreadable = { title: "Unreadable record", kind: "Record", facts: [] }
    for (const input of [null, undefined, 42, "Observation", true, [], [hba1c], () => hba1c, Symbol("x"), 10n]) {
      expect(readable(input)).toEqual(unreadable)
    }
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error("hostile getter")
        },
      },
    )
    expect(readable(throwing)).toEqual(unreadable)
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(readable(proxy)).toEqual(unreadable)
  })

  it("skips wrong-typed fields instead of rendering them", () => {
    const hostile = readable({
      resourceType: "Observation",
      status: 5,
      code: 5,
      category: "laboratory",
      valueQuantity: { value: "x", unit: {} },
      interpretation: [{ coding: [null, { display: {} }, { code: 3 }] }, "H", null],
      referenceRange: [{ low: { value: null }, high: { value: {}, unit: "%" }, text: ["normal"] }],
      component: [null, 3, "x", [], { code: { text: {} }, valueQuantity: { value: Number.NaN } }],
      performer: { display: "not a list" },
      note: [{ text: {} }, "a note", null, { text: null }],
    })
    expect(hostile).toEqual({ title: "Observation", kind: "Observation", facts: [] })
    expectClean(hostile)
    expectClean(
      readable({ resourceType: "Observation", code: { coding: [null, { display: {} }] }, valueQuantity: { value: "x" } }),
    )

    // Every field the module reads, of every accepted type, given each kind of junk.
    const types = [
      "Patient", "AllergyIntolerance", "MedicationStatement", "MedicationRequest", "Condition", "Observation",
      "DiagnosticReport", "ImagingStudy", "Immunization", "Procedure", "DocumentReference", "Composition",
      "FamilyMemberHistory",
    ]
    const fields = [
      "name", "birthDate", "gender", "deceasedBoolean", "deceasedDateTime", "clinicalStatus", "verificationStatus",
      "type", "category", "criticality", "reaction", "recorder", "asserter", "code", "onsetDateTime", "onsetPeriod",
      "recordedDate", "dosage", "dosageInstruction", "reasonCode", "medicationCodeableConcept", "medicationReference",
      "effectiveDateTime", "effectivePeriod", "effectiveInstant", "issued", "dateAsserted", "authoredOn", "requester",
      "severity", "bodySite", "abatementDateTime", "valueQuantity", "valueCodeableConcept", "valueString",
      "valueInteger", "valueRange", "valueRatio", "valueDateTime", "valuePeriod", "dataAbsentReason", "component",
      "interpretation", "referenceRange", "performer", "conclusion", "conclusionCode", "result",
      "resultsInterpreter", "description", "modality", "numberOfSeries", "procedureCode", "referrer", "started",
      "vaccineCode", "occurrenceDateTime", "lotNumber", "doseQuantity", "protocolApplied", "manufacturer", "site",
      "route", "statusReason", "performedDateTime", "performedPeriod", "outcome", "location", "date", "context",
      "author", "content", "title", "section", "relationship", "sex", "condition", "status", "note",
    ]
    const junk: unknown[] = [
      {},
      [],
      null,
      "   ",
      [null, "", [], [[]], { display: {}, text: [], code: 7, coding: [null, { display: {} }] }],
      { text: {}, coding: "x", value: "x", unit: {}, start: 3, display: null, actor: [], attachment: 5 },
      [{ code: { coding: { display: "x" } }, manifestation: {}, attachment: { data: {}, title: [] }, low: [] }],
    ]
    for (const resourceType of types) {
      for (const j of junk) {
        const resource: Record<string, unknown> = { resourceType }
        for (const field of fields) resource[field] = j
        const out = readable(resource)
        expectClean(out)
        expect(out.facts).toEqual([])
      }
    }
  })

  it("trims every string and caps it at 500 characters", () => {
    const long = "a".repeat(2_000)
    const out = readable({
      ...hba1c,
      code: { text: `   ${long}   ` },
      effectiveDateTime: long,
      valueQuantity: { value: 1, unit: long },
      component: [{ code: { text: long }, valueString: long }],
      note: [{ text: "\n  short  \t" }, { text: "😀".repeat(600) }],
    })
    expect(out.title).toHaveLength(500)
    expect(out.title.endsWith("a…")).toBe(true)
    expect(out.when).toHaveLength(500)
    for (const s of strings(out)) {
      expect(s.length).toBeLessThanOrEqual(500)
      expect(s).toBe(s.trim())
      expect(s).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    }
    expect(out.facts).toContainEqual({ label: "Note", value: "short" })
    const emoji = out.facts.find((f) => f.value.startsWith("😀"))
    expect(emoji?.value.endsWith("😀…")).toBe(true)
  })

  it("stops at 50 facts", () => {
    const many = readable({
      ...hba1c,
      component: Array.from({ length: 200 }, (_, i) => ({ code: { text: `Part ${i}` }, valueInteger: i })),
      note: Array.from({ length: 200 }, (_, i) => ({ text: `Note ${i}` })),
    })
    expect(many.facts).toHaveLength(50)
    expect(many.facts[0]).toEqual({ label: "Value", value: "6.1 %" })
    expect(many.facts[1]).toEqual({ label: "Part 0", value: "0" })
    const results = readable({
      resourceType: "DiagnosticReport",
      code: { text: "Panel" },
      result: Array.from({ length: 10_000 }, (_, i) => ({ display: `Result ${i}` })),
    })
    expect(results.facts).toHaveLength(50)
  })
})
