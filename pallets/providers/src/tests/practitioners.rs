use super::*;
use crate::{Error, Practitioners};
use frame_support::{assert_noop, assert_ok};
use medledger_primitives::ProviderRegistry;

#[test]
fn provider_registers_a_practitioner() {
	build_and_execute(|| {
		assert_ok!(Providers::add_practitioner(RuntimeOrigin::signed(ALICE), NURSE));
		assert_eq!(Providers::employer(&NURSE), Some(ALICE));
		assert_eq!(Practitioners::<Test>::get(ALICE).to_vec(), vec![NURSE]);
		assert_last(Event::PractitionerAdded { provider: ALICE, practitioner: NURSE });
	});
}

#[test]
fn practitioner_belongs_to_one_provider_at_a_time() {
	build_and_execute(|| {
		assert_ok!(Providers::add_practitioner(RuntimeOrigin::signed(ALICE), NURSE));
		assert_noop!(
			Providers::add_practitioner(RuntimeOrigin::signed(BOB), NURSE),
			Error::<Test>::AlreadyEmployed
		);
	});
}

#[test]
fn providers_and_applicants_cannot_be_practitioners() {
	build_and_execute(|| {
		apply(CLINIC);
		assert_noop!(
			Providers::add_practitioner(RuntimeOrigin::signed(ALICE), BOB),
			Error::<Test>::IsProvider
		);
		assert_noop!(
			Providers::add_practitioner(RuntimeOrigin::signed(ALICE), CLINIC),
			Error::<Test>::IsProvider
		);
	});
}

#[test]
fn only_active_providers_add_practitioners() {
	build_and_execute(|| {
		assert_noop!(
			Providers::add_practitioner(RuntimeOrigin::signed(CLINIC), NURSE),
			Error::<Test>::NotProvider
		);
		assert_ok!(Providers::suspend(RuntimeOrigin::root(), BOB));
		assert_noop!(
			Providers::add_practitioner(RuntimeOrigin::signed(BOB), NURSE),
			Error::<Test>::NotActive
		);
	});
}

#[test]
fn roster_is_bounded() {
	build_and_execute(|| {
		for who in [NURSE, DOCTOR, 30] {
			assert_ok!(Providers::add_practitioner(RuntimeOrigin::signed(ALICE), who));
		}
		assert_noop!(
			Providers::add_practitioner(RuntimeOrigin::signed(ALICE), 31),
			Error::<Test>::TooManyPractitioners
		);
	});
}

#[test]
fn provider_removes_only_its_own_practitioners() {
	build_and_execute(|| {
		assert_ok!(Providers::add_practitioner(RuntimeOrigin::signed(ALICE), NURSE));
		assert_noop!(
			Providers::remove_practitioner(RuntimeOrigin::signed(BOB), NURSE),
			Error::<Test>::NotYourPractitioner
		);
		assert_ok!(Providers::remove_practitioner(RuntimeOrigin::signed(ALICE), NURSE));
		assert_eq!(Providers::employer(&NURSE), None);
		assert!(!Practitioners::<Test>::contains_key(ALICE));
		assert_last(Event::PractitionerRemoved { provider: ALICE, practitioner: NURSE });
	});
}

#[test]
fn practitioner_may_leave_and_join_another_provider() {
	build_and_execute(|| {
		assert_ok!(Providers::add_practitioner(RuntimeOrigin::signed(ALICE), NURSE));
		assert_ok!(Providers::leave_provider(RuntimeOrigin::signed(NURSE)));
		assert_last(Event::PractitionerRemoved { provider: ALICE, practitioner: NURSE });
		assert_ok!(Providers::add_practitioner(RuntimeOrigin::signed(BOB), NURSE));
		assert_eq!(Providers::employer(&NURSE), Some(BOB));
	});
}

#[test]
fn leaving_needs_an_employer() {
	build_and_execute(|| {
		assert_noop!(
			Providers::leave_provider(RuntimeOrigin::signed(NURSE)),
			Error::<Test>::NotPractitioner
		);
	});
}
