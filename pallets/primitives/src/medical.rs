//! The medical vocabulary: record categories, purposes of use, access levels, identifiers and
//! the access decision. `docs/consent-model.md` states the rules these words serve.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Implements the derives every on-chain value type of this module needs.
macro_rules! value_type {
	($(#[$meta:meta])* $vis:vis $kind:ident $name:ident $($body:tt)*) => {
		$(#[$meta])*
		#[derive(
			Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Encode, Decode, DecodeWithMemTracking,
			MaxEncodedLen, TypeInfo, Debug,
		)]
		#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
		$vis $kind $name $($body)*
	};
}

value_type! {
	/// A class of medical record, aligned with the FHIR / US Core document classes.
	///
	/// The discriminant is the category's bit in a [`CategorySet`]: never reorder.
	#[repr(u8)]
	pub enum RecordCategory {
		/// Name, birth date, contact details (FHIR `Patient`).
		Demographics = 0,
		/// Allergies and intolerances (`AllergyIntolerance`).
		Allergies = 1,
		/// Medications and prescriptions (`MedicationRequest`, `MedicationStatement`).
		Medications = 2,
		/// Problems and diagnoses (`Condition`).
		Conditions = 3,
		/// Laboratory results (`Observation` of category laboratory, `DiagnosticReport`).
		LabResults = 4,
		/// Vital signs (`Observation` of category vital-signs).
		VitalSigns = 5,
		/// Imaging studies and reports (`ImagingStudy`).
		Imaging = 6,
		/// Immunizations (`Immunization`).
		Immunizations = 7,
		/// Procedures (`Procedure`).
		Procedures = 8,
		/// Clinical notes (`DocumentReference`, `Composition`).
		ClinicalNotes = 9,
		/// Mental health: sensitive.
		MentalHealth = 10,
		/// Sexual and reproductive health: sensitive.
		SexualAndReproductiveHealth = 11,
		/// Genomic data: sensitive.
		Genomics = 12,
		/// Substance use disorder records: sensitive.
		SubstanceUse = 13,
	}
}

impl RecordCategory {
	/// Every category, in bit order.
	pub const ALL: [RecordCategory; 14] = [
		Self::Demographics,
		Self::Allergies,
		Self::Medications,
		Self::Conditions,
		Self::LabResults,
		Self::VitalSigns,
		Self::Imaging,
		Self::Immunizations,
		Self::Procedures,
		Self::ClinicalNotes,
		Self::MentalHealth,
		Self::SexualAndReproductiveHealth,
		Self::Genomics,
		Self::SubstanceUse,
	];

	fn bit(self) -> u32 {
		1u32 << (self as u8)
	}
}

value_type! {
	/// A set of record categories in four bytes.
	#[derive(Default)]
	pub struct CategorySet(pub u32);
}

impl CategorySet {
	/// The bits that name a category; any other bit makes a set invalid.
	pub const VALID_BITS: u32 = (1 << RecordCategory::ALL.len()) - 1;

	/// No category.
	pub const fn empty() -> Self {
		Self(0)
	}

	/// Every category, the sensitive ones included.
	pub const fn all() -> Self {
		Self(Self::VALID_BITS)
	}

	/// The set of the given categories.
	pub fn of(categories: &[RecordCategory]) -> Self {
		Self(categories.iter().fold(0, |bits, c| bits | c.bit()))
	}

	/// Whether `category` is in the set.
	pub fn contains(self, category: RecordCategory) -> bool {
		self.0 & category.bit() != 0
	}

	/// Whether the set names no category.
	pub fn is_empty(self) -> bool {
		self.0 == 0
	}

	/// Whether every bit names a category.
	pub fn is_valid(self) -> bool {
		self.0 & !Self::VALID_BITS == 0
	}

	/// Whether every category of `self` is in `other`.
	pub fn is_subset_of(self, other: CategorySet) -> bool {
		self.0 & !other.0 == 0
	}

	/// The categories of `self` that are not in `other`.
	pub fn without(self, other: CategorySet) -> Self {
		Self(self.0 & !other.0)
	}

	/// The categories in the set, in bit order.
	pub fn iter(self) -> impl Iterator<Item = RecordCategory> {
		RecordCategory::ALL.into_iter().filter(move |c| self.contains(*c))
	}
}

value_type! {
	/// A sensitivity label of a record, as HL7's confidentiality and sensitivity codes (FHIR
	/// `meta.security`) name them. A record carries its class ([`RecordCategory`]) and any
	/// number of labels; each label belongs to one sensitive category, which a grant must cover
	/// (and not except) for the record to be released. See `docs/consent-model.md`.
	///
	/// The discriminant is the label's bit in a [`LabelSet`]: never reorder.
	#[repr(u8)]
	pub enum SensitivityLabel {
		/// Psychiatry information (HL7 `PSY`).
		Psychiatry = 0,
		/// Psychotherapy notes (HL7 `PSYTHPN`).
		PsychotherapyNote = 1,
		/// Substance abuse information (HL7 `ETH`).
		SubstanceAbuse = 2,
		/// Sexual assault, abuse or domestic violence (HL7 `SDV`).
		SexualViolence = 3,
		/// Sexuality and reproductive health (HL7 `SEX`).
		SexualHealth = 4,
		/// Sexually transmitted disease (HL7 `STD`).
		SexuallyTransmittedDisease = 5,
		/// HIV/AIDS information (HL7 `HIV`).
		Hiv = 6,
		/// Genetic disease information (HL7 `GDIS`).
		GeneticDisease = 7,
	}
}

impl SensitivityLabel {
	/// Every label, in bit order.
	pub const ALL: [SensitivityLabel; 8] = [
		Self::Psychiatry,
		Self::PsychotherapyNote,
		Self::SubstanceAbuse,
		Self::SexualViolence,
		Self::SexualHealth,
		Self::SexuallyTransmittedDisease,
		Self::Hiv,
		Self::GeneticDisease,
	];

	/// The code system of the labels: HL7 v3 ActCode.
	pub const HL7_SYSTEM: &'static str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

	/// The label's HL7 v3 ActCode: the one place a label becomes text.
	pub const fn hl7_code(self) -> &'static str {
		match self {
			Self::Psychiatry => "PSY",
			Self::PsychotherapyNote => "PSYTHPN",
			Self::SubstanceAbuse => "ETH",
			Self::SexualViolence => "SDV",
			Self::SexualHealth => "SEX",
			Self::SexuallyTransmittedDisease => "STD",
			Self::Hiv => "HIV",
			Self::GeneticDisease => "GDIS",
		}
	}

	/// The label of an HL7 v3 ActCode (exact, upper case), if it is one of ours.
	pub fn from_hl7_code(code: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|label| label.hl7_code() == code)
	}

	/// The sensitive category the label belongs to: a grant must cover it, and an exception
	/// of it withholds every record that carries the label, whatever the record's class.
	pub const fn category(self) -> RecordCategory {
		match self {
			Self::Psychiatry | Self::PsychotherapyNote => RecordCategory::MentalHealth,
			Self::SubstanceAbuse => RecordCategory::SubstanceUse,
			Self::SexualViolence
			| Self::SexualHealth
			| Self::SexuallyTransmittedDisease
			| Self::Hiv => RecordCategory::SexualAndReproductiveHealth,
			Self::GeneticDisease => RecordCategory::Genomics,
		}
	}

	fn bit(self) -> u16 {
		1u16 << (self as u8)
	}
}

value_type! {
	/// The sensitivity labels of a record, in two bytes.
	#[derive(Default)]
	pub struct LabelSet(pub u16);
}

impl LabelSet {
	/// The bits that name a label; any other bit makes a set invalid.
	pub const VALID_BITS: u16 = (1 << SensitivityLabel::ALL.len()) - 1;

	/// No label: an ordinary record.
	pub const fn empty() -> Self {
		Self(0)
	}

	/// The set of the given labels.
	pub fn of(labels: &[SensitivityLabel]) -> Self {
		Self(labels.iter().fold(0, |bits, l| bits | l.bit()))
	}

	/// Whether `label` is in the set.
	pub fn contains(self, label: SensitivityLabel) -> bool {
		self.0 & label.bit() != 0
	}

	/// Whether the set names no label.
	pub fn is_empty(self) -> bool {
		self.0 == 0
	}

	/// Whether every bit names a label.
	pub fn is_valid(self) -> bool {
		self.0 & !Self::VALID_BITS == 0
	}

	/// The labels in the set, in bit order.
	pub fn iter(self) -> impl Iterator<Item = SensitivityLabel> {
		SensitivityLabel::ALL.into_iter().filter(move |l| self.contains(*l))
	}

	/// The sensitive categories the labels belong to.
	pub fn categories(self) -> CategorySet {
		CategorySet(self.iter().fold(0, |bits, l| bits | l.category().bit()))
	}
}

/// Every category a grant must cover to release a record of class `class` that carries
/// `labels`: the class and the sensitive category of each label. The access decision asks for
/// all of them at once, so an exception of any one wins.
pub fn categories_of_record(class: RecordCategory, labels: LabelSet) -> CategorySet {
	CategorySet(CategorySet::of(&[class]).0 | labels.categories().0)
}

value_type! {
	/// Why access is wanted, aligned with HL7 PurposeOfUse.
	pub enum Purpose {
		/// Care of the patient (HL7 `TREAT`).
		Treatment,
		/// Emergency care (HL7 `ETREAT`); break-glass access uses it.
		EmergencyTreatment,
		/// Research (HL7 `HRESCH`).
		Research,
		/// Payment and insurance (HL7 `HPAYMT`).
		Payment,
		/// Care by family or a caregiver (HL7 `FAMRQT`).
		FamilyCare,
		/// The patient's own request, e.g. to forward to an application (HL7 `PATRQT`).
		PatientRequest,
		/// Public health (HL7 `PUBHLTH`).
		PublicHealth,
	}
}

impl Purpose {
	/// Every purpose.
	pub const ALL: [Purpose; 7] = [
		Self::Treatment,
		Self::EmergencyTreatment,
		Self::Research,
		Self::Payment,
		Self::FamilyCare,
		Self::PatientRequest,
		Self::PublicHealth,
	];
}

value_type! {
	/// What a grant lets the grantee do.
	pub enum AccessLevel {
		/// Read records.
		Read,
		/// Read records and add new ones for the patient.
		ReadAppend,
	}
}

macro_rules! id_type {
	($(#[$meta:meta])* $name:ident) => {
		value_type! {
			$(#[$meta])*
			#[derive(Default)]
			pub struct $name(pub u64);
		}

		impl $name {
			/// The identifier after this one, if any.
			pub fn next(self) -> Option<Self> {
				self.0.checked_add(1).map(Self)
			}
		}

		impl From<u64> for $name {
			fn from(id: u64) -> Self {
				Self(id)
			}
		}
	};
}

id_type! {
	/// Identifies a document set: one record held by its custodian.
	RecordId
}

id_type! {
	/// Identifies a consent grant.
	GrantId
}

id_type! {
	/// Identifies an inquiry for access.
	InquiryId
}

value_type! {
	/// Why access was refused.
	pub enum Denial {
		/// The subject is not a registered patient, or closed their account.
		NotAPatient,
		/// No record with that identifier exists.
		NoSuchRecord,
		/// No grant to the requester (or its employer) matches.
		NoGrant,
		/// A matching grant excepts this category, and an exception always wins.
		Excepted,
		/// A matching grant exists but for another purpose.
		WrongPurpose,
		/// The only matching grant has not started yet.
		NotYetValid,
		/// The only matching grant reached its end.
		Expired,
		/// The only matching grant was revoked.
		Revoked,
		/// The only matching grant is to a provider that is suspended or gone.
		ProviderInactive,
	}
}

impl Denial {
	/// How telling a reason is, when several grants fail for different reasons: the most
	/// specific one is reported.
	pub fn rank(self) -> u8 {
		match self {
			Denial::NotAPatient | Denial::NoSuchRecord | Denial::NoGrant => 0,
			Denial::WrongPurpose => 1,
			Denial::ProviderInactive => 2,
			Denial::NotYetValid => 3,
			Denial::Expired => 4,
			Denial::Revoked => 5,
			Denial::Excepted => 6,
		}
	}

	/// The more telling of two reasons (the first when they tell as much).
	pub fn max_by_rank(self, other: Denial) -> Denial {
		if other.rank() > self.rank() {
			other
		} else {
			self
		}
	}
}

/// The blocks that decide whether a grant is in force. [`GrantPeriod::in_force`] is the one
/// statement of grant validity (rule 3 of `docs/consent-model.md`): the consent pallet's
/// access decision and its `grant_valid_at` (and through it disclosure receipts and contracts) ask
/// it, and so may a client that read a grant's blocks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct GrantPeriod<BlockNumber> {
	/// The first block the grant holds.
	pub starts: BlockNumber,
	/// The first block it no longer holds, if it ends by itself.
	pub ends: Option<BlockNumber>,
	/// The block whose state first saw its revocation, if it was revoked.
	pub revoked_at: Option<BlockNumber>,
	/// The block at which the patient closed the account the grant was made under (ending its
	/// consent epoch), if they did.
	pub closed_at: Option<BlockNumber>,
}

impl<BlockNumber: PartialOrd + Copy> GrantPeriod<BlockNumber> {
	/// Whether the grant is in force at block `at`: started by then, and not yet ended by its
	/// end, its revocation or the closing of the patient's account. A grant of a closed account
	/// is [`Denial::Revoked`], whatever else holds of it: closing revokes every grant at once.
	pub fn in_force(&self, at: BlockNumber) -> Result<(), Denial> {
		let reached = |bound: Option<BlockNumber>| bound.is_some_and(|b| b <= at);
		if reached(self.closed_at) {
			return Err(Denial::Revoked);
		}
		if at < self.starts {
			return Err(Denial::NotYetValid);
		}
		if reached(self.revoked_at) {
			return Err(Denial::Revoked);
		}
		if reached(self.ends) {
			return Err(Denial::Expired);
		}
		Ok(())
	}
}

value_type! {
	/// The answer of the one access check that everything uses.
	pub enum AccessDecision {
		/// Allowed; `grant` is the grant used, `None` when the requester is the patient or a
		/// representative with a viewing scope.
		Allowed { grant: Option<GrantId> },
		/// Refused, with the reason.
		Denied(Denial),
	}
}

impl AccessDecision {
	/// Whether access is allowed.
	pub fn is_allowed(&self) -> bool {
		matches!(self, AccessDecision::Allowed { .. })
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn category_set_exception_always_wins() {
		let granted = CategorySet::all().without(CategorySet::of(&[RecordCategory::MentalHealth]));
		assert!(granted.contains(RecordCategory::LabResults));
		assert!(!granted.contains(RecordCategory::MentalHealth));
	}

	#[test]
	fn category_bits_are_stable() {
		for (bit, category) in RecordCategory::ALL.iter().enumerate() {
			assert_eq!(*category as usize, bit);
		}
		assert!(CategorySet::all().is_valid());
		assert!(!CategorySet(1 << 20).is_valid());
	}

	#[test]
	fn a_label_needs_its_sensitive_category_and_its_bits_are_stable() {
		for (bit, label) in SensitivityLabel::ALL.iter().enumerate() {
			assert_eq!(*label as usize, bit);
			assert_eq!(SensitivityLabel::from_hl7_code(label.hl7_code()), Some(*label));
		}
		assert_eq!(SensitivityLabel::from_hl7_code("psy"), None);
		let needed = categories_of_record(
			RecordCategory::Conditions,
			LabelSet::of(&[SensitivityLabel::Psychiatry, SensitivityLabel::Hiv]),
		);
		assert_eq!(
			needed,
			CategorySet::of(&[
				RecordCategory::Conditions,
				RecordCategory::MentalHealth,
				RecordCategory::SexualAndReproductiveHealth,
			])
		);
		assert!(LabelSet::of(&SensitivityLabel::ALL).is_valid());
		assert!(!LabelSet(1 << 12).is_valid());
	}

	#[test]
	fn a_grant_is_in_force_from_its_start_until_its_end_revocation_or_account_closing() {
		let open = GrantPeriod { starts: 10u32, ends: None, revoked_at: None, closed_at: None };
		assert_eq!(open.in_force(9), Err(Denial::NotYetValid));
		assert_eq!(open.in_force(10), Ok(()));
		assert_eq!(open.in_force(u32::MAX), Ok(()));
		let ending = GrantPeriod { ends: Some(20), ..open };
		assert_eq!(ending.in_force(19), Ok(()));
		assert_eq!(ending.in_force(20), Err(Denial::Expired));
		let revoked = GrantPeriod { revoked_at: Some(15), ..ending };
		assert_eq!(revoked.in_force(14), Ok(()));
		assert_eq!(revoked.in_force(15), Err(Denial::Revoked));
		assert_eq!(revoked.in_force(25), Err(Denial::Revoked));
		let closed = GrantPeriod { closed_at: Some(12), ..ending };
		assert_eq!(closed.in_force(11), Ok(()));
		assert_eq!(closed.in_force(12), Err(Denial::Revoked));
		// Closing ends even a grant that had not started: it can never start.
		let pending = GrantPeriod { starts: 30, ends: None, revoked_at: None, closed_at: Some(12) };
		assert_eq!(pending.in_force(31), Err(Denial::Revoked));
	}

	#[test]
	fn subsets() {
		let labs = CategorySet::of(&[RecordCategory::LabResults]);
		let labs_and_genes =
			CategorySet::of(&[RecordCategory::LabResults, RecordCategory::Genomics]);
		assert!(labs.is_subset_of(labs_and_genes));
		assert!(!labs_and_genes.is_subset_of(labs));
		assert_eq!(labs_and_genes.iter().count(), 2);
	}
}
