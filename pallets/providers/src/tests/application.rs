use super::*;
use crate::{Applications, Error, HoldReason};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{InspectHold, Mutate},
};

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ProviderDeposit.into(), &who)
}

#[test]
fn apply_holds_deposit_for_name_and_endpoint_bytes() {
	build_and_execute(|| {
		apply(CLINIC);
		assert_eq!(held(CLINIC), deposit());
		assert_eq!(Applications::<Test>::get(CLINIC).map(|a| a.deposit), Some(deposit()));
		assert_last(Event::Applied { applicant: CLINIC, deposit: deposit() });
	});
}

#[test]
fn apply_twice_is_refused() {
	build_and_execute(|| {
		apply(CLINIC);
		assert_noop!(
			Providers::apply(
				RuntimeOrigin::signed(CLINIC),
				NAME.to_vec(),
				ENDPOINT.to_vec(),
				key(7)
			),
			Error::<Test>::AlreadyApplied
		);
	});
}

#[test]
fn provider_cannot_apply() {
	build_and_execute(|| {
		assert_noop!(
			Providers::apply(
				RuntimeOrigin::signed(ALICE),
				NAME.to_vec(),
				ENDPOINT.to_vec(),
				key(7)
			),
			Error::<Test>::AlreadyProvider
		);
	});
}

#[test]
fn practitioner_cannot_apply() {
	build_and_execute(|| {
		employ(ALICE, NURSE);
		assert_noop!(
			Providers::apply(
				RuntimeOrigin::signed(NURSE),
				NAME.to_vec(),
				ENDPOINT.to_vec(),
				key(7)
			),
			Error::<Test>::IsPractitioner
		);
	});
}

#[test]
fn name_must_be_utf8_nonempty_and_short() {
	build_and_execute(|| {
		for name in [vec![], vec![0xff, 0xfe], vec![b'a'; 33]] {
			assert_noop!(
				Providers::apply(RuntimeOrigin::signed(CLINIC), name, ENDPOINT.to_vec(), key(7)),
				Error::<Test>::InvalidName
			);
		}
	});
}

#[test]
fn endpoint_must_be_a_short_http_url() {
	build_and_execute(|| {
		let too_long = [b"https://".to_vec(), vec![b'e'; 41]].concat();
		for endpoint in [
			b"ftp://x.example".to_vec(),
			b"https://".to_vec(),
			b"https://has space.example".to_vec(),
			b"records.example".to_vec(),
			too_long,
		] {
			assert_noop!(
				Providers::apply(RuntimeOrigin::signed(CLINIC), NAME.to_vec(), endpoint, key(7)),
				Error::<Test>::InvalidEndpoint
			);
		}
		assert_ok!(Providers::apply(
			RuntimeOrigin::signed(CLINIC),
			NAME.to_vec(),
			b"http://127.0.0.1:8080".to_vec(),
			key(7)
		));
	});
}

#[test]
fn zero_encryption_key_is_refused() {
	build_and_execute(|| {
		assert_noop!(
			Providers::apply(
				RuntimeOrigin::signed(CLINIC),
				NAME.to_vec(),
				ENDPOINT.to_vec(),
				key(0)
			),
			Error::<Test>::InvalidEncryptionKey
		);
	});
}

#[test]
fn applicant_without_funds_for_deposit_is_refused_and_keeps_nothing() {
	build_and_execute(|| {
		assert!(Providers::apply(
			RuntimeOrigin::signed(PAUPER),
			NAME.to_vec(),
			ENDPOINT.to_vec(),
			key(7)
		)
		.is_err());
		assert!(!Applications::<Test>::contains_key(PAUPER));
	});
}

#[test]
fn withdraw_returns_the_deposit() {
	build_and_execute(|| {
		apply(CLINIC);
		assert_ok!(Providers::withdraw_application(RuntimeOrigin::signed(CLINIC)));
		assert_eq!(held(CLINIC), 0);
		assert_eq!(Balances::free_balance(CLINIC), ENDOWMENT);
		assert!(!Applications::<Test>::contains_key(CLINIC));
		assert_last(Event::ApplicationWithdrawn { applicant: CLINIC });
	});
}

#[test]
fn withdraw_without_application_is_refused() {
	build_and_execute(|| {
		assert_noop!(
			Providers::withdraw_application(RuntimeOrigin::signed(CLINIC)),
			Error::<Test>::NotApplicant
		);
	});
}

#[test]
fn rejected_applicant_gets_deposit_back() {
	build_and_execute(|| {
		apply(CLINIC);
		assert_ok!(Providers::reject(RuntimeOrigin::root(), CLINIC));
		assert_eq!(held(CLINIC), 0);
		assert_last(Event::ApplicationRejected { applicant: CLINIC });
	});
}

#[test]
fn deposit_stays_held_after_admission() {
	build_and_execute(|| {
		admit(CLINIC);
		assert_eq!(held(CLINIC), deposit());
		// The held deposit cannot be spent.
		assert!(<Balances as Mutate<AccountId>>::transfer(
			&CLINIC,
			&BOB,
			ENDOWMENT - 1,
			frame_support::traits::tokens::Preservation::Expendable
		)
		.is_err());
	});
}
