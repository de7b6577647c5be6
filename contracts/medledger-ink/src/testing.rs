//! A small model of the chain's consent for off-chain unit tests (`#[ink::test]`).
//!
//! [`MockChain::install`] registers the model as the consent chain extension of ink!'s
//! off-chain engine; the test then describes the chain with [`MockChain::add_patient`],
//! [`MockChain::add_provider`], [`MockChain::add_record`], [`MockChain::grant`] and friends,
//! and may change it between two calls of the contract (a revocation, a suspension).
//!
//! The state lives in a thread local, as ink!'s off-chain engine does: every test runs on its
//! own thread, and `install` starts from an empty chain.
//!
//! # The model
//!
//! The access decision follows the consent pallet's, for grants made directly to the
//! requester (no representatives, employers or break-glass access, and no exceptions):
//! - an unregistered patient: `Denied(NotAPatient)`; an empty or invalid set of categories:
//!   `Denied(NoGrant)`; the patient themself: `Allowed { grant: None }`;
//! - a grant of the requester for the patient that covers every needed category, serves the
//!   purpose, is not revoked, and whose grantee (if a provider) is active:
//!   `Allowed { grant: Some(id) }`;
//! - otherwise the most telling reason among the grants, as the chain ranks them: `Revoked`
//!   over `ProviderInactive` over `WrongPurpose` (a grant that covers the categories for
//!   another purpose) over `NoGrant`.
//!
//! `record_access` asks for the record's class and the sensitive category of each of its
//! labels (the chain's mapping), answers `Allowed { grant: None }` to the custodian and
//! `Denied(NoSuchRecord)` for an unknown record.

use crate::{
	extension::{function, EXTENSION_ID},
	types::{
		categories_of_record, AccessDecision, CategorySet, Denial, GrantId, LabelSet, Purpose,
		RecordCategory, RecordFacts, RecordId,
	},
	MedLedgerEnvironment,
};
use ink::primitives::AccountId;
use scale::{DecodeAll, Encode};
use std::{
	cell::RefCell,
	collections::{BTreeMap, BTreeSet},
};

std::thread_local! {
	static CHAIN: RefCell<ChainState> = RefCell::new(ChainState::default());
}

/// The consent chain extension of the off-chain engine, answering from the model's state.
pub struct MockChain;

/// A grant of the model: one requester, one patient, one purpose.
#[derive(Clone, Copy, Debug)]
struct MockGrant {
	id: GrantId,
	grantee: AccountId,
	patient: AccountId,
	categories: CategorySet,
	purpose: Purpose,
	starts: u32,
	revoked_at: Option<u32>,
}

/// What the model knows of the chain.
#[derive(Default)]
struct ChainState {
	patients: BTreeSet<AccountId>,
	/// Providers, with whether each is active.
	providers: BTreeMap<AccountId, bool>,
	records: BTreeMap<RecordId, RecordFacts>,
	/// Practitioners, with the provider that employs each.
	employers: BTreeMap<AccountId, AccountId>,
	grants: Vec<MockGrant>,
	last_record: u64,
	last_grant: u64,
}

impl MockChain {
	/// Starts from an empty chain and registers the model as the consent extension of the
	/// off-chain engine. Call it first in every test.
	pub fn install() {
		CHAIN.with(|chain| *chain.borrow_mut() = ChainState::default());
		ink::env::test::register_chain_extension(MockChain);
	}

	/// Registers `who` as a patient.
	pub fn add_patient(who: AccountId) {
		Self::change(|chain| {
			chain.patients.insert(who);
		});
	}

	/// Registers `who` as an active provider (or reinstates a suspended one).
	pub fn add_provider(who: AccountId) {
		Self::change(|chain| {
			chain.providers.insert(who, true);
		});
	}

	/// Suspends the provider `who`: no longer active, and grants to it stop working.
	pub fn suspend_provider(who: AccountId) {
		Self::change(|chain| {
			chain.providers.insert(who, false);
		});
	}

	/// Adds a record about `patient` held by `custodian`, and returns its identifier
	/// (1, 2, ... in order).
	pub fn add_record(
		patient: AccountId,
		custodian: AccountId,
		category: RecordCategory,
		labels: LabelSet,
	) -> RecordId {
		Self::change(|chain| {
			chain.last_record = chain.last_record.saturating_add(1);
			let id = RecordId(chain.last_record);
			chain.records.insert(id, RecordFacts { patient, custodian, category, labels });
			id
		})
	}

	/// `patient` grants `requester` access to `categories` for `purpose`, from the current
	/// block on. Returns the grant's identifier (1, 2, ... in order).
	pub fn grant(
		requester: AccountId,
		patient: AccountId,
		categories: CategorySet,
		purpose: Purpose,
	) -> GrantId {
		let starts = current_block();
		Self::change(|chain| {
			chain.last_grant = chain.last_grant.saturating_add(1);
			let id = GrantId(chain.last_grant);
			chain.grants.push(MockGrant {
				id,
				grantee: requester,
				patient,
				categories,
				purpose,
				starts,
				revoked_at: None,
			});
			id
		})
	}

	/// `patient` revokes, at the current block, every grant to `requester`.
	pub fn revoke(requester: AccountId, patient: AccountId) {
		let now = current_block();
		Self::change(|chain| {
			chain
				.grants
				.iter_mut()
				.filter(|g| {
					g.grantee == requester && g.patient == patient && g.revoked_at.is_none()
				})
				.for_each(|g| g.revoked_at = Some(now));
		});
	}

	/// `practitioner` works for `provider`, as after `Providers::offer_employment` and the
	/// practitioner's `accept_employment`.
	pub fn employ(practitioner: AccountId, provider: AccountId) {
		Self::change(|chain| chain.employers.insert(practitioner, provider));
	}

	fn change<R>(f: impl FnOnce(&mut ChainState) -> R) -> R {
		CHAIN.with(|chain| f(&mut chain.borrow_mut()))
	}
}

/// The off-chain engine's block number. Only read outside extension calls: the engine is
/// borrowed while it runs one.
fn current_block() -> u32 {
	ink::env::block_number::<MedLedgerEnvironment>()
}

impl ink::env::test::ChainExtension for MockChain {
	/// The engine keys extensions by the high 16 bits of the call's id (`ink_engine` 5.1.1,
	/// `ChainExtensionHandler::eval`).
	fn ext_id(&self) -> u16 {
		EXTENSION_ID
	}

	/// Answers one call. The engine hands over the contract's input SCALE-encoded once more,
	/// as a byte vector (`ink_engine` 5.1.1, `Engine::call_chain_extension`). Undecodable
	/// input or an unknown function panics, as it traps the contract on chain.
	fn call(&mut self, func_id: u16, input: &[u8], output: &mut Vec<u8>) -> u32 {
		let args: Vec<u8> = decode(input, func_id);
		CHAIN.with(|chain| {
			let chain = chain.borrow();
			match func_id {
				function::ACCESS_DECISION => {
					let (requester, patient, needed, purpose): (
						AccountId,
						AccountId,
						CategorySet,
						Purpose,
					) = decode(&args, func_id);
					chain.access_decision(&requester, &patient, needed, purpose).encode_to(output)
				},
				function::RECORD_ACCESS => {
					let (requester, record, purpose): (AccountId, RecordId, Purpose) =
						decode(&args, func_id);
					chain.record_access(&requester, record, purpose).encode_to(output)
				},
				function::GRANT_VALID_AT => {
					let (grant, at): (GrantId, u32) = decode(&args, func_id);
					chain.grant_valid_at(grant, at).encode_to(output)
				},
				function::RECORD => {
					let record: RecordId = decode(&args, func_id);
					chain.records.get(&record).copied().encode_to(output)
				},
				function::IS_PATIENT => {
					let account: AccountId = decode(&args, func_id);
					chain.patients.contains(&account).encode_to(output)
				},
				function::IS_ACTIVE_PROVIDER => {
					let account: AccountId = decode(&args, func_id);
					chain.is_active_provider(&account).encode_to(output)
				},
				function::GRANT_PARTIES => {
					let grant: GrantId = decode(&args, func_id);
					chain
						.grants
						.iter()
						.find(|g| g.id == grant)
						.map(|g| (g.patient, g.grantee))
						.encode_to(output)
				},
				unknown => panic!("MockChain: no consent function {unknown}; the call traps"),
			}
		});
		0
	}
}

/// Decodes the whole of `bytes` as a `T`, or panics (the contract would trap).
fn decode<T: DecodeAll>(bytes: &[u8], func_id: u16) -> T {
	match T::decode_all(&mut &bytes[..]) {
		Ok(value) => value,
		Err(error) => panic!("MockChain: function {func_id} got undecodable input: {error:?}"),
	}
}

impl ChainState {
	fn access_decision(
		&self,
		requester: &AccountId,
		patient: &AccountId,
		needed: CategorySet,
		purpose: Purpose,
	) -> AccessDecision {
		if !self.patients.contains(patient) {
			return AccessDecision::Denied(Denial::NotAPatient);
		}
		if needed.is_empty() || !needed.is_valid() {
			return AccessDecision::Denied(Denial::NoGrant);
		}
		if requester == patient {
			return AccessDecision::Allowed { grant: None };
		}
		let mut best = Denial::NoGrant;
		// The requester's own grants, then (as the chain does) its employer's while active.
		let employer = self.employers.get(requester).filter(|e| self.is_active_provider(e));
		for grantee in core::iter::once(requester).chain(employer) {
			let standing = self.providers.get(grantee).copied();
			for grant in
				self.grants.iter().filter(|g| g.grantee == *grantee && g.patient == *patient)
			{
				match grant.judge(needed, purpose, standing) {
					Ok(()) => return AccessDecision::Allowed { grant: Some(grant.id) },
					Err(denial) => best = more_telling(best, denial),
				}
			}
		}
		AccessDecision::Denied(best)
	}

	fn record_access(
		&self,
		requester: &AccountId,
		record: RecordId,
		purpose: Purpose,
	) -> AccessDecision {
		let Some(facts) = self.records.get(&record) else {
			return AccessDecision::Denied(Denial::NoSuchRecord);
		};
		let staff = self.employers.get(requester) == Some(&facts.custodian);
		if (*requester == facts.custodian || staff) && self.is_active_provider(&facts.custodian) {
			return AccessDecision::Allowed { grant: None };
		}
		let needed = categories_of_record(facts.category, facts.labels);
		self.access_decision(requester, &facts.patient, needed, purpose)
	}

	fn grant_valid_at(&self, grant: GrantId, at: u32) -> Option<bool> {
		self.grants
			.iter()
			.find(|g| g.id == grant)
			.map(|g| g.starts <= at && g.revoked_at.is_none_or(|revoked| at < revoked))
	}

	fn is_active_provider(&self, who: &AccountId) -> bool {
		self.providers.get(who).copied().unwrap_or(false)
	}
}

impl MockGrant {
	/// Whether the grant lets its grantee (a provider active or not, or not a provider: the
	/// `standing`) read what needs `needed` for `purpose`, in the consent pallet's order.
	fn judge(
		&self,
		needed: CategorySet,
		purpose: Purpose,
		standing: Option<bool>,
	) -> Result<(), Denial> {
		if !needed.is_subset_of(self.categories) {
			return Err(Denial::NoGrant);
		}
		if self.purpose != purpose {
			return Err(Denial::WrongPurpose);
		}
		if self.revoked_at.is_some() {
			return Err(Denial::Revoked);
		}
		if standing == Some(false) {
			return Err(Denial::ProviderInactive);
		}
		Ok(())
	}
}

/// The more telling of two reasons, as the chain ranks them (the first when equal).
fn more_telling(first: Denial, second: Denial) -> Denial {
	if rank(second) > rank(first) {
		second
	} else {
		first
	}
}

/// How telling a reason is (the chain's `Denial::rank`).
fn rank(denial: Denial) -> u8 {
	match denial {
		Denial::NotAPatient | Denial::NoSuchRecord | Denial::NoGrant => 0,
		Denial::WrongPurpose => 1,
		Denial::ProviderInactive => 2,
		Denial::NotYetValid => 3,
		Denial::Expired => 4,
		Denial::Revoked => 5,
		Denial::Excepted => 6,
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{ConsentExtension, SensitivityLabel};
	use ink::ChainExtensionInstance;

	type Accounts = ink::env::test::DefaultAccounts<MedLedgerEnvironment>;

	fn accounts() -> Accounts {
		ink::env::test::default_accounts::<MedLedgerEnvironment>()
	}

	/// The extension as a contract calls it, through ink!'s generated methods.
	fn extension() -> <ConsentExtension as ChainExtensionInstance>::Instance {
		<ConsentExtension as ChainExtensionInstance>::instantiate()
	}

	fn labs() -> CategorySet {
		CategorySet::of(&[RecordCategory::LabResults])
	}

	#[ink::test]
	fn patients_and_providers_are_known() {
		let a = accounts();
		MockChain::install();
		MockChain::add_patient(a.bob);
		MockChain::add_provider(a.charlie);
		assert!(extension().is_patient(a.bob));
		assert!(!extension().is_patient(a.charlie));
		assert!(extension().is_active_provider(a.charlie));
		MockChain::suspend_provider(a.charlie);
		assert!(!extension().is_active_provider(a.charlie));
		assert!(!extension().is_active_provider(a.bob));
	}

	#[ink::test]
	fn access_follows_the_grant() {
		let a = accounts();
		MockChain::install();
		assert_eq!(
			extension().access_decision(a.alice, a.bob, labs(), Purpose::Research),
			AccessDecision::Denied(Denial::NotAPatient)
		);
		MockChain::add_patient(a.bob);
		assert_eq!(
			extension().access_decision(a.alice, a.bob, labs(), Purpose::Research),
			AccessDecision::Denied(Denial::NoGrant)
		);
		assert_eq!(
			extension().access_decision(a.bob, a.bob, labs(), Purpose::Research),
			AccessDecision::Allowed { grant: None }
		);
		let grant = MockChain::grant(a.alice, a.bob, labs(), Purpose::Research);
		assert_eq!(grant, GrantId(1));
		assert_eq!(
			extension().access_decision(a.alice, a.bob, labs(), Purpose::Research),
			AccessDecision::Allowed { grant: Some(grant) }
		);
		assert_eq!(
			extension().access_decision(a.alice, a.bob, labs(), Purpose::Payment),
			AccessDecision::Denied(Denial::WrongPurpose)
		);
		let more = labs().union(CategorySet::of(&[RecordCategory::Genomics]));
		assert_eq!(
			extension().access_decision(a.alice, a.bob, more, Purpose::Research),
			AccessDecision::Denied(Denial::NoGrant)
		);
		assert_eq!(
			extension().access_decision(a.charlie, a.bob, labs(), Purpose::Research),
			AccessDecision::Denied(Denial::NoGrant)
		);
	}

	#[ink::test]
	fn revocation_and_suspension_end_access() {
		let a = accounts();
		MockChain::install();
		MockChain::add_patient(a.bob);
		MockChain::add_provider(a.charlie);
		let grant = MockChain::grant(a.charlie, a.bob, labs(), Purpose::Treatment);
		MockChain::suspend_provider(a.charlie);
		assert_eq!(
			extension().access_decision(a.charlie, a.bob, labs(), Purpose::Treatment),
			AccessDecision::Denied(Denial::ProviderInactive)
		);
		MockChain::add_provider(a.charlie);
		ink::env::test::advance_block::<MedLedgerEnvironment>();
		ink::env::test::advance_block::<MedLedgerEnvironment>();
		MockChain::revoke(a.charlie, a.bob);
		assert_eq!(
			extension().access_decision(a.charlie, a.bob, labs(), Purpose::Treatment),
			AccessDecision::Denied(Denial::Revoked)
		);
		assert_eq!(extension().grant_valid_at(grant, 1), Some(true));
		assert_eq!(extension().grant_valid_at(grant, 2), Some(false));
		assert_eq!(extension().grant_valid_at(GrantId(9), 1), None);
	}

	#[ink::test]
	fn record_access_needs_the_labels_categories() {
		let a = accounts();
		MockChain::install();
		MockChain::add_patient(a.bob);
		MockChain::add_provider(a.charlie);
		let hiv = LabelSet::of(&[SensitivityLabel::Hiv]);
		let record = MockChain::add_record(a.bob, a.charlie, RecordCategory::LabResults, hiv);
		assert_eq!(record, RecordId(1));
		assert_eq!(
			extension().record(record),
			Some(RecordFacts {
				patient: a.bob,
				custodian: a.charlie,
				category: RecordCategory::LabResults,
				labels: hiv,
			})
		);
		assert_eq!(extension().record(RecordId(2)), None);
		assert_eq!(
			extension().record_access(a.alice, RecordId(2), Purpose::Payment),
			AccessDecision::Denied(Denial::NoSuchRecord)
		);
		assert_eq!(
			extension().record_access(a.charlie, record, Purpose::Payment),
			AccessDecision::Allowed { grant: None }
		);
		MockChain::grant(a.alice, a.bob, labs(), Purpose::Payment);
		assert_eq!(
			extension().record_access(a.alice, record, Purpose::Payment),
			AccessDecision::Denied(Denial::NoGrant)
		);
		let sexual_health = CategorySet::of(&[RecordCategory::SexualAndReproductiveHealth]);
		let grant = MockChain::grant(a.alice, a.bob, labs().union(sexual_health), Purpose::Payment);
		assert_eq!(
			extension().record_access(a.alice, record, Purpose::Payment),
			AccessDecision::Allowed { grant: Some(grant) }
		);
	}
}
