//! # Insurance Claim contract
//!
//! An insurer opens a pool; clinics claim from it for the care recorded in their records, and
//! are paid at once when the patient consented to show those records to the insurer for
//! payment.
//!
//! ## Consent
//!
//! The chain judges the **insurer's** access, for
//! [`Purpose::Payment`](medledger_ink::Purpose::Payment), to each record of a claim (the
//! consent chain extension's `record_access`: the record's class and the sensitive category of
//! each of its labels must be covered). The clinic's own access does not count: a patient who
//! never consented to the insurer is never billed through this contract.
//!
//! ## Invariants
//!
//! - A claim is paid only to an active provider that holds every one of its records.
//! - Every record of a paid claim is the patient's, and the insurer's access to it for payment
//!   was allowed when paid.
//! - A record is paid for at most once, across all claims.
//! - A claim is for 1 to [`MAX_RECORDS`](insurance_claim::MAX_RECORDS) distinct records and an
//!   amount from 1 to the maximum claim.
//! - A refused claim changes nothing: the reason is the error.
//!
//! ## Calls
//!
//! | Message | Caller | Pays | Events |
//! |---------|--------|------|--------|
//! | `new` (payable) | insurer | the pool in | `Instantiated` |
//! | `fund` (payable) | anyone | into the pool | `Funded` |
//! | `claim` | clinic | the amount to the clinic | `ClaimPaid` |
//! | `withdraw` | insurer | from the pool to the insurer | `Withdrawn` |
//! | `set_max_claim` | insurer | - | `MaxClaimSet` |

#![cfg_attr(not(feature = "std"), no_std, no_main)]
// The SCALE derives of enums with data cast a variant's index to `u8`, which the cast lints
// that `cargo contract` turns on refuse; the indexes are a handful, so nothing truncates.
#![allow(clippy::cast_possible_truncation)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

#[ink::contract(env = medledger_ink::MedLedgerEnvironment)]
pub mod insurance_claim {
	use ink::{prelude::vec::Vec, storage::Mapping};
	use medledger_ink::{Denial, Purpose, RecordId};

	/// The most records one claim may name.
	pub const MAX_RECORDS: usize = 16;

	/// Identifies a claim of this pool; the first is 1.
	#[derive(
		Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Debug, scale::Encode, scale::Decode,
	)]
	#[cfg_attr(feature = "std", derive(scale_info::TypeInfo, ink::storage::traits::StorageLayout))]
	pub struct ClaimId(pub u64);

	impl ClaimId {
		/// The identifier after this one, if any.
		pub fn next(self) -> Option<Self> {
			self.0.checked_add(1).map(Self)
		}
	}

	/// A paid claim.
	#[derive(Clone, PartialEq, Eq, Debug, scale::Encode, scale::Decode)]
	#[cfg_attr(feature = "std", derive(scale_info::TypeInfo, ink::storage::traits::StorageLayout))]
	pub struct Claim {
		/// The claim's identifier.
		pub id: ClaimId,
		/// The clinic that claimed and was paid.
		pub clinic: AccountId,
		/// The patient the care was for.
		pub patient: AccountId,
		/// The records the claim is for, each held by the clinic.
		pub records: Vec<RecordId>,
		/// The amount paid.
		pub amount: Balance,
		/// The block the claim was paid at.
		pub paid_at: BlockNumber,
	}

	/// Why a call was refused. Nothing changed.
	#[derive(Clone, Copy, PartialEq, Eq, Debug, scale::Encode, scale::Decode)]
	#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
	pub enum ClaimRefusal {
		/// The caller is not a provider in good standing.
		NotActiveProvider,
		/// The claim names no record, more than [`MAX_RECORDS`], or a record twice.
		BadRecords,
		/// The amount is zero or above the maximum claim.
		AmountNotAllowed,
		/// There is no such record.
		NoSuchRecord(RecordId),
		/// The record is about another patient.
		WrongPatient(RecordId),
		/// The record is held by another provider than the caller.
		NotCustodian(RecordId),
		/// The chain does not allow the insurer to read the record for payment, for this
		/// reason. The patient may grant the insurer access for payment.
		NoConsent(RecordId, Denial),
		/// The record was paid for in an earlier claim.
		AlreadyClaimed(RecordId),
		/// The pool cannot pay the amount.
		PoolShort,
		/// Only the insurer may do this.
		NotInsurer,
		/// The chain refused the transfer (e.g. it would create an account below the
		/// existential deposit).
		TransferFailed,
		/// No claim identifier is left.
		IdsExhausted,
	}

	/// The pool was opened.
	#[ink(event)]
	pub struct Instantiated {
		/// The insurer.
		#[ink(topic)]
		pub insurer: AccountId,
		/// The pool transferred.
		pub pool: Balance,
		/// The largest amount one claim may ask.
		pub max_claim: Balance,
	}

	/// Someone added to the pool.
	#[ink(event)]
	pub struct Funded {
		/// Who paid.
		#[ink(topic)]
		pub from: AccountId,
		/// How much.
		pub amount: Balance,
	}

	/// A claim was paid.
	#[ink(event)]
	pub struct ClaimPaid {
		/// The claim.
		pub id: ClaimId,
		/// The clinic paid.
		#[ink(topic)]
		pub clinic: AccountId,
		/// The patient the care was for. Not a topic: topics are what event indexers file
		/// events under, and with the patient's account as one, a single look-up would list
		/// every claim paid for them.
		pub patient: AccountId,
		/// The amount paid.
		pub amount: Balance,
	}

	/// The insurer took from the pool.
	#[ink(event)]
	pub struct Withdrawn {
		/// How much.
		pub amount: Balance,
	}

	/// The insurer changed the maximum claim.
	#[ink(event)]
	pub struct MaxClaimSet {
		/// The new maximum.
		pub max_claim: Balance,
	}

	/// The pool: its insurer, its limit and the claims it paid.
	#[ink(storage)]
	pub struct InsuranceClaim {
		/// The insurer: the requester whose consent each claim needs.
		insurer: AccountId,
		/// The largest amount one claim may ask.
		max_claim: Balance,
		/// The last claim identifier given (0: none yet).
		last_claim: ClaimId,
		/// The claims paid.
		claims: Mapping<ClaimId, Claim>,
		/// For each record paid for, the claim that paid it.
		claimed: Mapping<RecordId, ClaimId>,
	}

	impl InsuranceClaim {
		/// Opens a pool; the caller is the insurer and the value transferred the pool.
		///
		/// # Events
		/// `Instantiated`.
		#[ink(constructor, payable)]
		pub fn new(max_claim: Balance) -> Self {
			let insurer = Self::env().caller();
			let pool = Self::env().transferred_value();
			Self::env().emit_event(Instantiated { insurer, pool, max_claim });
			Self {
				insurer,
				max_claim,
				last_claim: ClaimId::default(),
				claims: Mapping::default(),
				claimed: Mapping::default(),
			}
		}

		/// Adds the value transferred to the pool. Anyone may.
		///
		/// # Events
		/// `Funded`.
		#[ink(message, payable)]
		pub fn fund(&mut self) {
			let from = self.env().caller();
			let amount = self.env().transferred_value();
			self.env().emit_event(Funded { from, amount });
		}

		/// Claims `amount` for the care of `patient` recorded in `records`, all held by the
		/// caller; pays the caller at once. Returns the claim's identifier.
		///
		/// # Errors
		/// `NotActiveProvider`, `BadRecords`, `AmountNotAllowed`, then for the first record
		/// that fails: `NoSuchRecord`, `WrongPatient`, `NotCustodian`, `NoConsent`,
		/// `AlreadyClaimed`; then `PoolShort`, `IdsExhausted`, `TransferFailed`.
		///
		/// # Events
		/// `ClaimPaid`.
		#[ink(message)]
		pub fn claim(
			&mut self,
			patient: AccountId,
			records: Vec<RecordId>,
			amount: Balance,
		) -> Result<ClaimId, ClaimRefusal> {
			let clinic = self.env().caller();
			if !self.env().extension().is_active_provider(clinic) {
				return Err(ClaimRefusal::NotActiveProvider);
			}
			if records.is_empty() || records.len() > MAX_RECORDS || has_duplicates(&records) {
				return Err(ClaimRefusal::BadRecords);
			}
			if amount == 0 || amount > self.max_claim {
				return Err(ClaimRefusal::AmountNotAllowed);
			}
			for record in &records {
				self.ensure_claimable(*record, clinic, patient)?;
			}
			if self.env().balance() < amount {
				return Err(ClaimRefusal::PoolShort);
			}
			let id = self.last_claim.next().ok_or(ClaimRefusal::IdsExhausted)?;
			self.env().transfer(clinic, amount).map_err(|_| ClaimRefusal::TransferFailed)?;
			for record in &records {
				self.claimed.insert(*record, &id);
			}
			let paid_at = self.env().block_number();
			self.claims.insert(id, &Claim { id, clinic, patient, records, amount, paid_at });
			self.last_claim = id;
			self.env().emit_event(ClaimPaid { id, clinic, patient, amount });
			Ok(id)
		}

		/// Takes `amount` from the pool to the insurer. Insurer only.
		///
		/// # Errors
		/// `NotInsurer`, `PoolShort`, `TransferFailed`.
		///
		/// # Events
		/// `Withdrawn`.
		#[ink(message)]
		pub fn withdraw(&mut self, amount: Balance) -> Result<(), ClaimRefusal> {
			self.ensure_insurer()?;
			if self.env().balance() < amount {
				return Err(ClaimRefusal::PoolShort);
			}
			self.env().transfer(self.insurer, amount).map_err(|_| ClaimRefusal::TransferFailed)?;
			self.env().emit_event(Withdrawn { amount });
			Ok(())
		}

		/// Sets the largest amount one claim may ask. Insurer only.
		///
		/// # Errors
		/// `NotInsurer`.
		///
		/// # Events
		/// `MaxClaimSet`.
		#[ink(message)]
		pub fn set_max_claim(&mut self, max_claim: Balance) -> Result<(), ClaimRefusal> {
			self.ensure_insurer()?;
			self.max_claim = max_claim;
			self.env().emit_event(MaxClaimSet { max_claim });
			Ok(())
		}

		/// The claim `id`, if it was paid.
		#[ink(message)]
		pub fn claim_of(&self, id: ClaimId) -> Option<Claim> {
			self.claims.get(id)
		}

		/// The claim that paid for `record`, if any.
		#[ink(message)]
		pub fn claim_of_record(&self, record: RecordId) -> Option<ClaimId> {
			self.claimed.get(record)
		}

		/// What the pool can pay: the contract's transferable balance.
		#[ink(message)]
		pub fn pool(&self) -> Balance {
			self.env().balance()
		}

		/// The insurer.
		#[ink(message)]
		pub fn insurer(&self) -> AccountId {
			self.insurer
		}

		/// The largest amount one claim may ask.
		#[ink(message)]
		pub fn max_claim(&self) -> Balance {
			self.max_claim
		}

		/// Refuses `record` in a claim by `clinic` for `patient` unless it is the patient's,
		/// held by the clinic, open to the insurer for payment, and not paid for yet.
		fn ensure_claimable(
			&self,
			record: RecordId,
			clinic: AccountId,
			patient: AccountId,
		) -> Result<(), ClaimRefusal> {
			let facts =
				self.env().extension().record(record).ok_or(ClaimRefusal::NoSuchRecord(record))?;
			if facts.patient != patient {
				return Err(ClaimRefusal::WrongPatient(record));
			}
			if facts.custodian != clinic {
				return Err(ClaimRefusal::NotCustodian(record));
			}
			// The patient's own grant to the insurer: access the chain allows the insurer as a
			// clinic's staff (any clinic may make any account its practitioner) is no consent.
			self.env()
				.extension()
				.record_access(self.insurer, record, Purpose::Payment)
				.granted_to(patient, self.insurer, |grant| {
					self.env().extension().grant_parties(grant)
				})
				.map_err(|denial| ClaimRefusal::NoConsent(record, denial))?;
			if self.claimed.contains(record) {
				return Err(ClaimRefusal::AlreadyClaimed(record));
			}
			Ok(())
		}

		/// Refuses unless the caller is the insurer.
		fn ensure_insurer(&self) -> Result<(), ClaimRefusal> {
			if self.env().caller() == self.insurer {
				Ok(())
			} else {
				Err(ClaimRefusal::NotInsurer)
			}
		}
	}

	/// Whether a record appears twice in `records`.
	fn has_duplicates(records: &[RecordId]) -> bool {
		records
			.iter()
			.enumerate()
			.any(|(at, record)| records.iter().take(at).any(|earlier| earlier == record))
	}

	#[cfg(test)]
	mod tests {
		use super::*;
		use medledger_ink::{
			testing::MockChain, CategorySet, LabelSet, MedLedgerEnvironment as Env, RecordCategory,
			SensitivityLabel,
		};
		use scale::Encode;

		const POOL: Balance = 10_000_000;
		const MAX_CLAIM: Balance = 5_000_000;
		const AMOUNT: Balance = 2_000_000;

		fn accounts() -> ink::env::test::DefaultAccounts<Env> {
			ink::env::test::default_accounts::<Env>()
		}

		fn pool_account() -> AccountId {
			AccountId::from([0x49; 32])
		}

		fn set_caller(who: AccountId) {
			ink::env::test::set_caller::<Env>(who);
		}

		/// An account's balance; 0 for an account the engine never saw.
		fn balance_of(who: AccountId) -> Balance {
			ink::env::test::get_account_balance::<Env>(who).unwrap_or(0)
		}

		/// The encoding of the last event emitted.
		fn last_event() -> Vec<u8> {
			ink::env::test::recorded_events().last().map(|event| event.data).unwrap_or_default()
		}

		fn labs() -> CategorySet {
			CategorySet::of(&[RecordCategory::LabResults])
		}

		/// Alice insures a pool of `pool` on a fresh mock chain where Bob and Charlie are active
		/// clinics, Django and Eve patients, and Frank nobody.
		fn open_pool(pool: Balance) -> InsuranceClaim {
			MockChain::install();
			let a = accounts();
			ink::env::test::set_callee::<Env>(pool_account());
			ink::env::test::set_account_balance::<Env>(pool_account(), pool);
			set_caller(a.alice);
			ink::env::test::set_value_transferred::<Env>(pool);
			let contract = InsuranceClaim::new(MAX_CLAIM);
			ink::env::test::set_value_transferred::<Env>(0);
			MockChain::add_patient(a.django);
			MockChain::add_patient(a.eve);
			MockChain::add_provider(a.bob);
			MockChain::add_provider(a.charlie);
			contract
		}

		/// A lab result about `patient` held by `clinic`.
		fn lab_record(patient: AccountId, clinic: AccountId) -> RecordId {
			MockChain::add_record(patient, clinic, RecordCategory::LabResults, LabelSet::empty())
		}

		/// `patient` lets the insurer (Alice) read their lab results for payment.
		fn consents_to_payment(patient: AccountId) {
			MockChain::grant(accounts().alice, patient, labs(), Purpose::Payment);
		}

		#[ink::test]
		fn instantiation_names_the_insurer_and_the_pool() {
			let contract = open_pool(POOL);
			let a = accounts();
			assert_eq!(contract.insurer(), a.alice);
			assert_eq!(contract.max_claim(), MAX_CLAIM);
			assert_eq!(contract.pool(), POOL);
			assert_eq!(
				last_event(),
				Instantiated { insurer: a.alice, pool: POOL, max_claim: MAX_CLAIM }.encode()
			);
		}

		#[ink::test]
		fn a_clinic_that_makes_the_insurer_its_staff_is_not_paid() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			let record = lab_record(a.django, a.bob);
			// Bob's clinic makes the insurer its practitioner: the chain then lets the insurer
			// read Bob's records as staff, and Django's payment grant to Bob counts for it too.
			MockChain::employ(a.alice, a.bob);
			MockChain::grant(a.bob, a.django, labs(), Purpose::Payment);
			set_caller(a.bob);
			let before = balance_of(a.bob);
			assert_eq!(
				contract.claim(a.django, vec![record], AMOUNT),
				Err(ClaimRefusal::NoConsent(record, Denial::NoGrant))
			);
			// Charlie's record, allowed only through Bob's grant: refused as well.
			let elsewhere = lab_record(a.django, a.charlie);
			set_caller(a.charlie);
			assert_eq!(
				contract.claim(a.django, vec![elsewhere], AMOUNT),
				Err(ClaimRefusal::NoConsent(elsewhere, Denial::NoGrant))
			);
			assert_eq!(balance_of(a.bob), before);
			assert_eq!(contract.pool(), POOL);
		}

		#[ink::test]
		fn a_claim_with_consent_pays_the_clinic() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			let record = lab_record(a.django, a.bob);
			consents_to_payment(a.django);
			ink::env::test::advance_block::<Env>();
			set_caller(a.bob);
			let before = balance_of(a.bob);
			assert_eq!(contract.claim(a.django, vec![record], AMOUNT), Ok(ClaimId(1)));
			assert_eq!(balance_of(a.bob), before + AMOUNT);
			assert_eq!(contract.pool(), POOL - AMOUNT);
			assert_eq!(
				contract.claim_of(ClaimId(1)),
				Some(Claim {
					id: ClaimId(1),
					clinic: a.bob,
					patient: a.django,
					records: vec![record],
					amount: AMOUNT,
					paid_at: 1,
				})
			);
			assert_eq!(contract.claim_of_record(record), Some(ClaimId(1)));
			assert_eq!(
				last_event(),
				ClaimPaid { id: ClaimId(1), clinic: a.bob, patient: a.django, amount: AMOUNT }
					.encode()
			);
		}

		#[ink::test]
		fn a_claim_without_consent_is_refused() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			let record = lab_record(a.django, a.bob);
			set_caller(a.bob);
			let before = balance_of(a.bob);
			assert_eq!(
				contract.claim(a.django, vec![record], AMOUNT),
				Err(ClaimRefusal::NoConsent(record, Denial::NoGrant))
			);
			assert_eq!(balance_of(a.bob), before);
			assert_eq!(contract.pool(), POOL);
			assert_eq!(contract.claim_of(ClaimId(1)), None);
			assert_eq!(contract.claim_of_record(record), None);
		}

		#[ink::test]
		fn consent_for_research_is_not_consent_for_payment() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			let record = lab_record(a.django, a.bob);
			MockChain::grant(a.alice, a.django, labs(), Purpose::Research);
			set_caller(a.bob);
			assert_eq!(
				contract.claim(a.django, vec![record], AMOUNT),
				Err(ClaimRefusal::NoConsent(record, Denial::WrongPurpose))
			);
		}

		#[ink::test]
		fn consent_to_the_clinic_is_not_consent_to_the_insurer() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			let record = lab_record(a.django, a.bob);
			MockChain::grant(a.bob, a.django, labs(), Purpose::Payment);
			set_caller(a.bob);
			assert_eq!(
				contract.claim(a.django, vec![record], AMOUNT),
				Err(ClaimRefusal::NoConsent(record, Denial::NoGrant))
			);
		}

		#[ink::test]
		fn a_labelled_record_needs_consent_to_its_sensitive_category() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			let hiv = LabelSet::of(&[SensitivityLabel::Hiv]);
			let record = MockChain::add_record(a.django, a.bob, RecordCategory::LabResults, hiv);
			consents_to_payment(a.django);
			set_caller(a.bob);
			assert_eq!(
				contract.claim(a.django, vec![record], AMOUNT),
				Err(ClaimRefusal::NoConsent(record, Denial::NoGrant))
			);
			let sexual_health = CategorySet::of(&[RecordCategory::SexualAndReproductiveHealth]);
			MockChain::grant(a.alice, a.django, labs().union(sexual_health), Purpose::Payment);
			assert_eq!(contract.claim(a.django, vec![record], AMOUNT), Ok(ClaimId(1)));
		}

		#[ink::test]
		fn only_an_active_provider_claims() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			let record = lab_record(a.django, a.bob);
			consents_to_payment(a.django);
			set_caller(a.frank);
			assert_eq!(
				contract.claim(a.django, vec![record], AMOUNT),
				Err(ClaimRefusal::NotActiveProvider)
			);
			MockChain::suspend_provider(a.bob);
			set_caller(a.bob);
			assert_eq!(
				contract.claim(a.django, vec![record], AMOUNT),
				Err(ClaimRefusal::NotActiveProvider)
			);
			assert_eq!(contract.pool(), POOL);
		}

		#[ink::test]
		fn a_clinic_claims_only_for_its_own_records() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			let of_charlie = lab_record(a.django, a.charlie);
			consents_to_payment(a.django);
			set_caller(a.bob);
			let before = balance_of(a.bob);
			assert_eq!(
				contract.claim(a.django, vec![of_charlie], AMOUNT),
				Err(ClaimRefusal::NotCustodian(of_charlie))
			);
			assert_eq!(balance_of(a.bob), before);
		}

		#[ink::test]
		fn every_record_must_be_the_patients() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			let of_django = lab_record(a.django, a.bob);
			let of_eve = lab_record(a.eve, a.bob);
			consents_to_payment(a.django);
			consents_to_payment(a.eve);
			set_caller(a.bob);
			assert_eq!(
				contract.claim(a.django, vec![of_django, of_eve], AMOUNT),
				Err(ClaimRefusal::WrongPatient(of_eve))
			);
			assert_eq!(contract.claim_of_record(of_django), None);
			assert_eq!(contract.pool(), POOL);
		}

		#[ink::test]
		fn an_unknown_record_is_refused() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			set_caller(a.bob);
			assert_eq!(
				contract.claim(a.django, vec![RecordId(99)], AMOUNT),
				Err(ClaimRefusal::NoSuchRecord(RecordId(99)))
			);
		}

		#[ink::test]
		fn a_record_is_paid_for_once() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			let first = lab_record(a.django, a.bob);
			let second = lab_record(a.django, a.bob);
			consents_to_payment(a.django);
			set_caller(a.bob);
			let before = balance_of(a.bob);
			assert_eq!(contract.claim(a.django, vec![first], AMOUNT), Ok(ClaimId(1)));
			assert_eq!(
				contract.claim(a.django, vec![second, first], AMOUNT),
				Err(ClaimRefusal::AlreadyClaimed(first))
			);
			assert_eq!(contract.claim_of_record(second), None);
			assert_eq!(balance_of(a.bob), before + AMOUNT);
			assert_eq!(contract.claim(a.django, vec![second], AMOUNT), Ok(ClaimId(2)));
		}

		#[ink::test]
		fn the_amount_must_be_between_one_and_the_maximum() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			let record = lab_record(a.django, a.bob);
			consents_to_payment(a.django);
			set_caller(a.bob);
			for amount in [0, MAX_CLAIM + 1] {
				assert_eq!(
					contract.claim(a.django, vec![record], amount),
					Err(ClaimRefusal::AmountNotAllowed),
					"amount {amount}"
				);
			}
			assert_eq!(contract.claim(a.django, vec![record], MAX_CLAIM), Ok(ClaimId(1)));
			assert_eq!(contract.pool(), POOL - MAX_CLAIM);
		}

		#[ink::test]
		fn the_records_must_be_one_to_sixteen_distinct() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			let record = lab_record(a.django, a.bob);
			consents_to_payment(a.django);
			set_caller(a.bob);
			let seventeen: Vec<RecordId> = (1..=17).map(RecordId).collect();
			for records in [vec![], seventeen, vec![record, record]] {
				assert_eq!(
					contract.claim(a.django, records.clone(), AMOUNT),
					Err(ClaimRefusal::BadRecords),
					"records {records:?}"
				);
			}
		}

		#[ink::test]
		fn a_short_pool_is_refused() {
			let mut contract = open_pool(1_000_000);
			let a = accounts();
			let record = lab_record(a.django, a.bob);
			consents_to_payment(a.django);
			set_caller(a.bob);
			let before = balance_of(a.bob);
			assert_eq!(
				contract.claim(a.django, vec![record], AMOUNT),
				Err(ClaimRefusal::PoolShort)
			);
			assert_eq!(balance_of(a.bob), before);
			assert_eq!(contract.claim_of_record(record), None);
		}

		#[ink::test]
		fn only_the_insurer_withdraws() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			set_caller(a.bob);
			assert_eq!(contract.withdraw(AMOUNT), Err(ClaimRefusal::NotInsurer));
			assert_eq!(contract.pool(), POOL);
			set_caller(a.alice);
			let before = balance_of(a.alice);
			assert_eq!(contract.withdraw(AMOUNT), Ok(()));
			assert_eq!(balance_of(a.alice), before + AMOUNT);
			assert_eq!(contract.pool(), POOL - AMOUNT);
			assert_eq!(last_event(), Withdrawn { amount: AMOUNT }.encode());
			assert_eq!(contract.withdraw(POOL), Err(ClaimRefusal::PoolShort));
		}

		#[ink::test]
		fn only_the_insurer_sets_the_maximum_claim() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			set_caller(a.bob);
			assert_eq!(contract.set_max_claim(1_000_000), Err(ClaimRefusal::NotInsurer));
			assert_eq!(contract.max_claim(), MAX_CLAIM);
			set_caller(a.alice);
			assert_eq!(contract.set_max_claim(1_000_000), Ok(()));
			assert_eq!(contract.max_claim(), 1_000_000);
			assert_eq!(last_event(), MaxClaimSet { max_claim: 1_000_000 }.encode());
			let record = lab_record(a.django, a.bob);
			consents_to_payment(a.django);
			set_caller(a.bob);
			assert_eq!(
				contract.claim(a.django, vec![record], AMOUNT),
				Err(ClaimRefusal::AmountNotAllowed)
			);
		}

		#[ink::test]
		fn funding_grows_the_pool() {
			let mut contract = open_pool(POOL);
			let a = accounts();
			ink::env::test::set_account_balance::<Env>(a.frank, 5_000_000);
			set_caller(a.frank);
			ink::env::test::transfer_in::<Env>(3_000_000);
			contract.fund();
			assert_eq!(contract.pool(), POOL + 3_000_000);
			assert_eq!(balance_of(a.frank), 2_000_000);
			assert_eq!(last_event(), Funded { from: a.frank, amount: 3_000_000 }.encode());
		}
	}
}
