//! SCALE mirrors of the chain's medical vocabulary (`pallets/primitives/src/medical.rs` in the
//! node's repository). Each type encodes exactly as the runtime's: the same variants in the
//! same order, the same widths. `docs/consent-model.md` states the rules these words serve.

use ink::primitives::AccountId;

/// Implements the derives every value type of this module needs: the codec, `TypeInfo` for
/// contract metadata and `StorageLayout` so that contracts may keep the value in storage.
macro_rules! value_type {
	($(#[$meta:meta])* $vis:vis $kind:ident $name:ident $($body:tt)*) => {
		$(#[$meta])*
		#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, scale::Encode, scale::Decode)]
		#[cfg_attr(
			feature = "std",
			derive(scale_info::TypeInfo, ink::storage::traits::StorageLayout)
		)]
		$vis $kind $name $($body)*
	};
}

value_type! {
	/// A class of medical record, aligned with the FHIR / US Core document classes.
	///
	/// The discriminant is the category's bit in a [`CategorySet`] and its one-byte encoding.
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

	/// The category's bit in a [`CategorySet`].
	fn bit(self) -> u32 {
		// `checked_shl` rather than `<<`: contracts are linted with
		// `clippy::arithmetic_side_effects`. The discriminant is below 32, so it never fails.
		1u32.checked_shl(u32::from(self as u8)).unwrap_or(0)
	}
}

value_type! {
	/// A set of record categories in four bytes.
	#[derive(Default)]
	pub struct CategorySet(pub u32);
}

impl CategorySet {
	/// The bits that name a category (the low 14); any other bit makes a set invalid.
	pub const VALID_BITS: u32 = 0x3fff;

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

	/// The categories of either set.
	pub fn union(self, other: CategorySet) -> Self {
		Self(self.0 | other.0)
	}
}

value_type! {
	/// A sensitivity label of a record, as HL7's confidentiality and sensitivity codes name
	/// them. Each label belongs to one sensitive category, which consent must cover for the
	/// record to be released.
	///
	/// The discriminant is the label's bit in a [`LabelSet`].
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

	/// The sensitive category the label belongs to, as the chain maps it.
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

	/// The label's bit in a [`LabelSet`].
	fn bit(self) -> u16 {
		1u16.checked_shl(u32::from(self as u8)).unwrap_or(0)
	}
}

value_type! {
	/// The sensitivity labels of a record, in two bytes.
	#[derive(Default)]
	pub struct LabelSet(pub u16);
}

impl LabelSet {
	/// The bits that name a label (the low 8); any other bit makes a set invalid.
	pub const VALID_BITS: u16 = 0x00ff;

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

	/// The sensitive categories the labels belong to.
	pub fn categories(self) -> CategorySet {
		SensitivityLabel::ALL
			.iter()
			.filter(|label| self.contains(**label))
			.fold(CategorySet::empty(), |set, label| {
				set.union(CategorySet::of(&[label.category()]))
			})
	}
}

/// Every category consent must cover to release a record of class `class` that carries
/// `labels`: the class and the sensitive category of each label (the chain's
/// `categories_of_record`).
pub fn categories_of_record(class: RecordCategory, labels: LabelSet) -> CategorySet {
	CategorySet::of(&[class]).union(labels.categories())
}

value_type! {
	/// Why access is wanted, aligned with HL7 PurposeOfUse.
	pub enum Purpose {
		/// Care of the patient (HL7 `TREAT`).
		Treatment,
		/// Emergency care (HL7 `ETREAT`).
		EmergencyTreatment,
		/// Research (HL7 `HRESCH`).
		Research,
		/// Payment and insurance (HL7 `HPAYMT`).
		Payment,
		/// Care by family or a caregiver (HL7 `FAMRQT`).
		FamilyCare,
		/// The patient's own request (HL7 `PATRQT`).
		PatientRequest,
		/// Public health (HL7 `PUBHLTH`).
		PublicHealth,
	}
}

value_type! {
	/// Identifies a document set: one record held by its custodian.
	#[derive(Default)]
	pub struct RecordId(pub u64);
}

value_type! {
	/// Identifies a consent grant.
	#[derive(Default)]
	pub struct GrantId(pub u64);
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

value_type! {
	/// The answer of the chain's one access check.
	pub enum AccessDecision {
		/// Allowed; `grant` is the grant used, `None` when the requester is the patient, a
		/// representative with a viewing scope, or the record's custodian.
		Allowed {
			/// The grant that allows the access, if one was needed.
			grant: Option<GrantId>,
		},
		/// Refused, with the reason.
		Denied(Denial),
	}
}

impl AccessDecision {
	/// Whether access is allowed.
	pub fn is_allowed(&self) -> bool {
		matches!(self, AccessDecision::Allowed { .. })
	}

	/// The decision as a `Result`: the grant used (if any) when allowed, the reason when not.
	pub fn into_result(self) -> Result<Option<GrantId>, Denial> {
		match self {
			AccessDecision::Allowed { grant } => Ok(grant),
			AccessDecision::Denied(denial) => Err(denial),
		}
	}

	/// The grant `patient` made to `grantee` itself that allows the access, or why there is
	/// none. `parties` is the chain's `grant_parties`. An access the chain allows `grantee`
	/// through another account (a grant to a clinic that employs it, the record's custodian
	/// staff) is no consent of the patient to `grantee`: `Denial::NoGrant`.
	pub fn granted_to(
		self,
		patient: AccountId,
		grantee: AccountId,
		parties: impl FnOnce(GrantId) -> Option<(AccountId, AccountId)>,
	) -> Result<GrantId, Denial> {
		let grant = self.into_result()?.ok_or(Denial::NoGrant)?;
		if parties(grant) == Some((patient, grantee)) {
			Ok(grant)
		} else {
			Err(Denial::NoGrant)
		}
	}
}

value_type! {
	/// What the chain tells a contract about a record: whose it is, who holds it, its class and
	/// its labels. Never its content.
	pub struct RecordFacts {
		/// The patient the record is about.
		pub patient: AccountId,
		/// The provider that holds the record.
		pub custodian: AccountId,
		/// The record's class.
		pub category: RecordCategory,
		/// The record's sensitivity labels.
		pub labels: LabelSet,
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use scale::Encode;

	#[test]
	fn category_and_label_bits_match_the_chain() {
		for (bit, category) in RecordCategory::ALL.iter().enumerate() {
			assert_eq!(*category as usize, bit);
		}
		for (bit, label) in SensitivityLabel::ALL.iter().enumerate() {
			assert_eq!(*label as usize, bit);
		}
		assert_eq!(CategorySet::VALID_BITS, (1 << RecordCategory::ALL.len()) - 1);
		assert_eq!(LabelSet::VALID_BITS, (1 << SensitivityLabel::ALL.len()) - 1);
		assert_eq!(CategorySet::of(&RecordCategory::ALL), CategorySet::all());
		assert!(!CategorySet(1 << 20).is_valid());
	}

	#[test]
	fn a_label_needs_its_sensitive_category() {
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
		assert_eq!(
			categories_of_record(RecordCategory::LabResults, LabelSet::empty()),
			CategorySet::of(&[RecordCategory::LabResults])
		);
	}

	#[test]
	fn sets_compare() {
		let labs = CategorySet::of(&[RecordCategory::LabResults]);
		let labs_and_genes = labs.union(CategorySet::of(&[RecordCategory::Genomics]));
		assert!(labs.is_subset_of(labs_and_genes));
		assert!(!labs_and_genes.is_subset_of(labs));
		assert_eq!(labs_and_genes.without(labs), CategorySet::of(&[RecordCategory::Genomics]));
		assert!(labs.contains(RecordCategory::LabResults));
		assert!(!labs.contains(RecordCategory::Genomics));
		assert!(CategorySet::empty().is_empty());
	}

	/// The bytes the runtime's types encode to, written out by hand.
	#[test]
	fn encodings_are_the_runtimes() {
		assert_eq!(CategorySet(0x0000_0410).encode(), vec![0x10, 0x04, 0, 0]);
		assert_eq!(LabelSet(0x0041).encode(), vec![0x41, 0]);
		assert_eq!(RecordCategory::SubstanceUse.encode(), vec![13]);
		assert_eq!(Purpose::Research.encode(), vec![2]);
		assert_eq!(Purpose::Payment.encode(), vec![3]);
		assert_eq!(Denial::ProviderInactive.encode(), vec![8]);
		assert_eq!(RecordId(7).encode(), vec![7, 0, 0, 0, 0, 0, 0, 0]);
		assert_eq!(
			AccessDecision::Allowed { grant: Some(GrantId(5)) }.encode(),
			vec![0, 1, 5, 0, 0, 0, 0, 0, 0, 0]
		);
		assert_eq!(AccessDecision::Allowed { grant: None }.encode(), vec![0, 0]);
		assert_eq!(AccessDecision::Denied(Denial::Revoked).encode(), vec![1, 7]);
		let facts = RecordFacts {
			patient: AccountId::from([1; 32]),
			custodian: AccountId::from([2; 32]),
			category: RecordCategory::Imaging,
			labels: LabelSet(0x0080),
		};
		let mut expected = vec![1; 32];
		expected.extend([2; 32]);
		expected.extend([6, 0x80, 0]);
		assert_eq!(facts.encode(), expected);
	}

	#[test]
	fn only_allowed_is_allowed() {
		assert!(AccessDecision::Allowed { grant: None }.is_allowed());
		assert!(!AccessDecision::Denied(Denial::NoGrant).is_allowed());
		assert_eq!(
			AccessDecision::Allowed { grant: Some(GrantId(3)) }.into_result(),
			Ok(Some(GrantId(3)))
		);
		assert_eq!(AccessDecision::Denied(Denial::Expired).into_result(), Err(Denial::Expired));
	}
}
