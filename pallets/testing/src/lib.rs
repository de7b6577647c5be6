//! # MedLedger pallet testing
//!
//! The one test chain of the patients, consent and records pallets: what their mock runtimes
//! (`src/mock.rs`) share, so that an account means the same in every pallet's tests and a rule of
//! the test chain is stated once. Only the pallets' unit tests and benchmark tests use it.
//!
//! - The test accounts ([`PATIENT`], [`CLINIC`], [`DOCTOR`], ...), the [`FUNDED`] ones and their
//!   [`ENDOWMENT`].
//! - [`TestProviders`]: the provider registry of the test chain, which a test changes with
//!   [`TestProviders::set_status`] and [`TestProviders::set_employer`].
//! - [`new_test_ext`]: a fresh chain at block 1, the funded accounts endowed and the provider
//!   registry reset.
//! - Macros for what a mock must implement for its own runtime type:
//!   [`impl_system_and_balances!`] (the `frame_system` and `pallet_balances` configs),
//!   [`impl_patients_config!`] (the patient registry of the consent and records mocks, with the
//!   benchmarks' [`impl_test_signer!`]) and [`patient_genesis!`] (the patients and
//!   representatives the consent and records tests start with).
//!
//! ## Why macros
//!
//! A trait impl for a mock's `Test` type must live in the mock's crate (Rust's orphan rule), so
//! this crate cannot hold them; its macros expand them there. This crate depends on none of
//! MedLedger's pallets: pallet-patients' own tests use it, and a dependency on pallet-patients
//! would link a second copy of that crate into them. The macros therefore name
//! `frame_support`, `frame_system`, `pallet_balances`, `sp_runtime` and `pallet_patients` by the
//! calling crate's paths (a pallet's mock has `use crate as pallet_patients;`), and this crate's
//! own items by `$crate`.
//!
//! ## The test chain
//!
//! | account | number | funded | at the start of every test |
//! | --- | --- | --- | --- |
//! | [`PATIENT`] | 1 | yes | a patient, in the consent and records tests |
//! | [`OTHER_PATIENT`] | 2 | yes | a patient, in the consent and records tests |
//! | [`GUARDIAN`] | 3 | yes | manages PATIENT's consent, in the consent and records tests |
//! | [`VIEWER`] | 4 | yes | views PATIENT's records, in the consent and records tests |
//! | [`STRANGER`] | 5 | yes | nothing |
//! | [`INSURER`] | 6 | yes | nothing: neither a patient nor a provider |
//! | [`CLINIC`] | 10 | yes | an active provider |
//! | [`DOCTOR`] | 11 | yes | a practitioner of CLINIC |
//! | [`NURSE`] | 12 | yes | a practitioner of CLINIC |
//! | [`OTHER_CLINIC`] | 20 | yes | an active provider |
//! | [`OTHER_DOCTOR`] | 21 | yes | a practitioner of OTHER_CLINIC |
//! | [`SUSPENDED_CLINIC`] | 40 | yes | a suspended provider |
//! | [`PAUPER`] | 99 | no | nothing |
//!
//! Numbers 30 to 39 are left to the accounts a test file makes for itself.

mod macros;
mod providers;

pub use providers::{TestProviders, INITIAL_EMPLOYERS, INITIAL_PROVIDERS};

use medledger_primitives::{EncryptionKey, RepresentativeScope};
use sp_runtime::BuildStorage;

/// An account of the test chain.
pub type AccountId = u64;
/// A balance of the test chain.
pub type Balance = u64;

/// A patient: registered by [`patient_genesis!`].
pub const PATIENT: AccountId = 1;
/// Another patient: registered by [`patient_genesis!`].
pub const OTHER_PATIENT: AccountId = 2;
/// Manages [`PATIENT`]'s consent, appointed by [`patient_genesis!`].
pub const GUARDIAN: AccountId = 3;
/// May view [`PATIENT`]'s records, appointed by [`patient_genesis!`].
pub const VIEWER: AccountId = 4;
/// Funded, and nothing else: no patient, representative, provider or practitioner.
pub const STRANGER: AccountId = 5;
/// Funded, neither a patient nor a provider: a requester who asks patients for access.
pub const INSURER: AccountId = 6;
/// An active provider, employing [`DOCTOR`] and [`NURSE`].
pub const CLINIC: AccountId = 10;
/// A practitioner of [`CLINIC`].
pub const DOCTOR: AccountId = 11;
/// Another practitioner of [`CLINIC`].
pub const NURSE: AccountId = 12;
/// Another active provider, employing [`OTHER_DOCTOR`].
pub const OTHER_CLINIC: AccountId = 20;
/// A practitioner of [`OTHER_CLINIC`].
pub const OTHER_DOCTOR: AccountId = 21;
/// A suspended provider.
pub const SUSPENDED_CLINIC: AccountId = 40;
/// No funds at all.
pub const PAUPER: AccountId = 99;

/// What each of the [`FUNDED`] accounts holds at the start of a test.
pub const ENDOWMENT: Balance = 1_000;

/// The accounts [`new_test_ext`] endows with [`ENDOWMENT`]: every test account but [`PAUPER`].
pub const FUNDED: [AccountId; 12] = [
	PATIENT,
	OTHER_PATIENT,
	GUARDIAN,
	VIEWER,
	STRANGER,
	INSURER,
	CLINIC,
	DOCTOR,
	NURSE,
	OTHER_CLINIC,
	OTHER_DOCTOR,
	SUSPENDED_CLINIC,
];

/// The deposit pallet-patients holds for a patient in the runtimes of
/// [`impl_patients_config!`].
pub const PATIENT_DEPOSIT: Balance = 10;

/// The most representatives a patient may have in the runtimes of [`impl_patients_config!`]:
/// room for the two of [`patient_genesis!`] and the ones a test appoints.
pub const MAX_REPRESENTATIVES: u32 = 4;

/// The patients [`patient_genesis!`] registers, each with its [`genesis_key`].
pub const GENESIS_PATIENTS: [AccountId; 2] = [PATIENT, OTHER_PATIENT];

/// The representatives [`patient_genesis!`] appoints: patient, representative, scope.
pub const GENESIS_REPRESENTATIVES: [(AccountId, AccountId, RepresentativeScope); 2] = [
	(PATIENT, GUARDIAN, RepresentativeScope::ManageConsent),
	(PATIENT, VIEWER, RepresentativeScope::ViewRecords),
];

/// The encryption key [`patient_genesis!`] registers `patient` with: the account's number in
/// every byte, so that each patient's key differs.
pub const fn genesis_key(patient: AccountId) -> EncryptionKey {
	EncryptionKey([patient as u8; 32])
}

/// The balances [`new_test_ext`] endows: [`ENDOWMENT`] for each of the [`FUNDED`].
pub fn endowments() -> Vec<(AccountId, Balance)> {
	FUNDED.iter().map(|who| (*who, ENDOWMENT)).collect()
}

/// A fresh chain of the test runtime `T` at block 1: every one of the [`FUNDED`] endowed with
/// [`ENDOWMENT`], and [`TestProviders`] back to its initial providers and practitioners. No
/// patient is registered: a mock whose tests start with patients runs [`patient_genesis!`] in
/// it.
pub fn new_test_ext<T>() -> sp_io::TestExternalities
where
	T: frame_system::Config<AccountId = AccountId> + pallet_balances::Config<Balance = Balance>,
{
	TestProviders::reset();
	let mut storage = frame_system::GenesisConfig::<T>::default()
		.build_storage()
		.expect("the system's genesis builds");
	pallet_balances::GenesisConfig::<T> { balances: endowments(), ..Default::default() }
		.assimilate_storage(&mut storage)
		.expect("each endowment is a distinct account above the existential deposit");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| frame_system::Pallet::<T>::set_block_number(1u32.into()));
	ext
}

/// What the macros reach through `$crate`, so that those paths do not depend on the calling
/// crate's dependencies.
#[doc(hidden)]
pub mod __private {
	pub use frame_support;
	pub use medledger_primitives::{EncryptionKey, RepresentativeScope};
	pub use sp_core;
	pub use sp_runtime;
}
