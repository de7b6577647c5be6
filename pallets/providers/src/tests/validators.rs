use super::*;
use crate::Event;
use frame_support::assert_ok;
use pallet_session::SessionManager;

#[test]
fn validators_are_active_providers_with_session_keys() {
	build_and_execute(|| {
		TestSessionKeys::set(ALICE);
		assert_eq!(Providers::new_session(1), Some(vec![ALICE]));
		TestSessionKeys::set(BOB);
		assert_eq!(Providers::new_session(2), Some(vec![ALICE, BOB]));
		assert_last(Event::ValidatorsPlanned { session: 2, validators: 2 });
	});
}

#[test]
fn admitted_provider_with_keys_joins_the_next_set() {
	build_and_execute(|| {
		TestSessionKeys::set(ALICE);
		admit(CLINIC);
		assert_eq!(Providers::new_session(1), Some(vec![ALICE]));
		TestSessionKeys::set(CLINIC);
		assert_eq!(Providers::new_session(2), Some(vec![ALICE, CLINIC]));
	});
}

#[test]
fn suspended_or_expelled_provider_leaves_the_next_set() {
	build_and_execute(|| {
		TestSessionKeys::set(ALICE);
		TestSessionKeys::set(BOB);
		assert_ok!(Providers::suspend(RuntimeOrigin::root(), BOB));
		assert_eq!(Providers::new_session(1), Some(vec![ALICE]));
		assert_ok!(Providers::reinstate(RuntimeOrigin::root(), BOB));
		assert_eq!(Providers::new_session(2), Some(vec![ALICE, BOB]));
		assert_ok!(Providers::expel(RuntimeOrigin::root(), BOB));
		assert_eq!(Providers::new_session(3), Some(vec![ALICE]));
	});
}

#[test]
fn validator_set_is_never_empty() {
	build_and_execute(|| {
		// Nobody has session keys: keep the current set rather than hand over none.
		assert_eq!(Providers::new_session(1), None);
	});
}
