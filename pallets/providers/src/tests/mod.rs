//! Tests of the provider registry, one file per concern and one test per rule.

mod application;
mod governance;
mod keys;
mod practitioners;
mod validators;

use crate::{mock::*, Event};
use medledger_primitives::EncryptionKey;

pub(crate) const NAME: &[u8] = b"Riverside Clinic";
pub(crate) const ENDPOINT: &[u8] = b"https://records.riverside.example";

pub(crate) fn key(seed: u8) -> EncryptionKey {
	EncryptionKey([seed; 32])
}

pub(crate) fn deposit() -> Balance {
	DEPOSIT_BASE + DEPOSIT_PER_BYTE * (NAME.len() + ENDPOINT.len()) as Balance
}

pub(crate) fn apply(who: AccountId) {
	frame_support::assert_ok!(Providers::apply(
		RuntimeOrigin::signed(who),
		NAME.to_vec(),
		ENDPOINT.to_vec(),
		key(7)
	));
}

pub(crate) fn admit(who: AccountId) {
	apply(who);
	frame_support::assert_ok!(Providers::admit(RuntimeOrigin::root(), who));
}

pub(crate) fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

pub(crate) fn assert_last(event: Event<Test>) {
	assert_eq!(last_event(), RuntimeEvent::Providers(event));
}

/// `provider` offers `who` employment and `who` accepts.
pub(crate) fn employ(provider: AccountId, who: AccountId) {
	frame_support::assert_ok!(Providers::offer_employment(RuntimeOrigin::signed(provider), who));
	frame_support::assert_ok!(Providers::accept_employment(RuntimeOrigin::signed(who), provider));
}
