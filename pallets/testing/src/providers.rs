//! The provider registry of the test chain: which accounts are providers, and whom each
//! practitioner works for.

use crate::{AccountId, CLINIC, DOCTOR, NURSE, OTHER_CLINIC, OTHER_DOCTOR, SUSPENDED_CLINIC};
use core::cell::RefCell;
use medledger_primitives::{ProviderRegistry, ProviderStatus};

/// The providers every test starts with: [`CLINIC`] and [`OTHER_CLINIC`] active,
/// [`SUSPENDED_CLINIC`] suspended.
pub const INITIAL_PROVIDERS: [(AccountId, ProviderStatus); 3] = [
	(CLINIC, ProviderStatus::Active),
	(OTHER_CLINIC, ProviderStatus::Active),
	(SUSPENDED_CLINIC, ProviderStatus::Suspended),
];

/// The practitioners every test starts with, each with the provider that employs it: [`DOCTOR`]
/// and [`NURSE`] at [`CLINIC`], [`OTHER_DOCTOR`] at [`OTHER_CLINIC`].
pub const INITIAL_EMPLOYERS: [(AccountId, AccountId); 3] =
	[(DOCTOR, CLINIC), (NURSE, CLINIC), (OTHER_DOCTOR, OTHER_CLINIC)];

// A test's changes stay in its own thread. One thread may run several tests, one after the
// other, so every new test chain resets them (`TestProviders::reset`).
thread_local! {
	static STATUSES: RefCell<Vec<(AccountId, ProviderStatus)>> = const { RefCell::new(Vec::new()) };
	static EMPLOYERS: RefCell<Vec<(AccountId, AccountId)>> = const { RefCell::new(Vec::new()) };
}

/// The provider registry of the test chain, in place of pallet-providers: it starts as
/// [`INITIAL_PROVIDERS`] and [`INITIAL_EMPLOYERS`], and a test changes it with
/// [`TestProviders::set_status`] and [`TestProviders::set_employer`].
pub struct TestProviders;

impl TestProviders {
	/// Back to [`INITIAL_PROVIDERS`] and [`INITIAL_EMPLOYERS`], for a new test chain
	/// ([`crate::new_test_ext`] does it).
	pub fn reset() {
		Self::reset_to(&INITIAL_PROVIDERS, &INITIAL_EMPLOYERS);
	}

	/// Only `providers`, with their statuses, and only `employers`: (practitioner, provider).
	pub fn reset_to(
		providers: &[(AccountId, ProviderStatus)],
		employers: &[(AccountId, AccountId)],
	) {
		STATUSES.with(|s| *s.borrow_mut() = providers.to_vec());
		EMPLOYERS.with(|e| *e.borrow_mut() = employers.to_vec());
	}

	/// Make `who` a provider with `status`, or no provider with `None`.
	pub fn set_status(who: AccountId, status: Option<ProviderStatus>) {
		STATUSES.with(|s| {
			let mut s = s.borrow_mut();
			s.retain(|(provider, _)| *provider != who);
			if let Some(status) = status {
				s.push((who, status));
			}
		});
	}

	/// Employ `practitioner` at `provider`, or dismiss them with `None`.
	pub fn set_employer(practitioner: AccountId, provider: Option<AccountId>) {
		EMPLOYERS.with(|e| {
			let mut e = e.borrow_mut();
			e.retain(|(employee, _)| *employee != practitioner);
			if let Some(provider) = provider {
				e.push((practitioner, provider));
			}
		});
	}
}

impl ProviderRegistry<AccountId> for TestProviders {
	fn status(who: &AccountId) -> Option<ProviderStatus> {
		STATUSES.with(|s| {
			s.borrow().iter().find(|(provider, _)| provider == who).map(|(_, status)| *status)
		})
	}

	fn employer(practitioner: &AccountId) -> Option<AccountId> {
		EMPLOYERS.with(|e| {
			e.borrow()
				.iter()
				.find(|(employee, _)| employee == practitioner)
				.map(|(_, provider)| *provider)
		})
	}
}
