use super::*;
use crate::{EmploymentOffers, Error, Practitioners};
use frame_support::{assert_noop, assert_ok};
use medledger_primitives::ProviderRegistry;

fn offer(provider: AccountId, who: AccountId) -> frame_support::dispatch::DispatchResult {
	Providers::offer_employment(RuntimeOrigin::signed(provider), who)
}

fn accept(who: AccountId, provider: AccountId) -> frame_support::dispatch::DispatchResult {
	Providers::accept_employment(RuntimeOrigin::signed(who), provider)
}

#[test]
fn a_practitioner_is_employed_once_they_accept_the_providers_offer() {
	build_and_execute(|| {
		assert_ok!(offer(ALICE, NURSE));
		assert_last(Event::EmploymentOffered { provider: ALICE, practitioner: NURSE });
		// An offer is no employment: the account is nobody's staff yet.
		assert_eq!(Providers::employer(&NURSE), None);
		assert!(Practitioners::<Test>::get(ALICE).is_empty());

		assert_ok!(accept(NURSE, ALICE));
		assert_eq!(Providers::employer(&NURSE), Some(ALICE));
		assert_eq!(Practitioners::<Test>::get(ALICE).to_vec(), vec![NURSE]);
		assert!(!EmploymentOffers::<Test>::contains_key(ALICE), "the offer is used up");
		assert_last(Event::PractitionerAdded { provider: ALICE, practitioner: NURSE });
	});
}

#[test]
fn nobody_accepts_an_offer_made_to_someone_else_or_never_made() {
	build_and_execute(|| {
		assert_noop!(accept(NURSE, ALICE), Error::<Test>::NoOffer);
		assert_ok!(offer(ALICE, NURSE));
		assert_noop!(accept(DOCTOR, ALICE), Error::<Test>::NoOffer);
		assert_noop!(accept(NURSE, BOB), Error::<Test>::NoOffer);
	});
}

#[test]
fn an_offer_to_a_practitioner_of_another_provider_cannot_take_them_over() {
	build_and_execute(|| {
		employ(ALICE, NURSE);
		assert_noop!(offer(BOB, NURSE), Error::<Test>::AlreadyEmployed);
		// An offer made before Alice employed the nurse is refused at acceptance.
		assert_ok!(offer(BOB, DOCTOR));
		employ(ALICE, DOCTOR);
		assert_noop!(accept(DOCTOR, BOB), Error::<Test>::AlreadyEmployed);
		assert_eq!(Providers::employer(&DOCTOR), Some(ALICE));
	});
}

#[test]
fn providers_and_applicants_cannot_be_practitioners() {
	build_and_execute(|| {
		apply(CLINIC);
		assert_noop!(offer(ALICE, BOB), Error::<Test>::IsProvider);
		assert_noop!(offer(ALICE, CLINIC), Error::<Test>::IsProvider);
		// Offered first, applied after: the acceptance is refused.
		assert_ok!(offer(ALICE, NURSE));
		apply(NURSE);
		assert_noop!(accept(NURSE, ALICE), Error::<Test>::IsProvider);
	});
}

#[test]
fn only_active_providers_offer_and_employ() {
	build_and_execute(|| {
		assert_noop!(offer(CLINIC, NURSE), Error::<Test>::NotProvider);
		assert_ok!(offer(BOB, NURSE));
		assert_ok!(Providers::suspend(RuntimeOrigin::root(), BOB));
		assert_noop!(offer(BOB, DOCTOR), Error::<Test>::NotActive);
		// An offer made while active is not taken up while suspended.
		assert_noop!(accept(NURSE, BOB), Error::<Test>::NotActive);
		assert_ok!(Providers::reinstate(RuntimeOrigin::root(), BOB));
		assert_ok!(accept(NURSE, BOB));
	});
}

#[test]
fn an_offer_is_made_once_and_offers_are_bounded() {
	build_and_execute(|| {
		assert_ok!(offer(ALICE, NURSE));
		assert_noop!(offer(ALICE, NURSE), Error::<Test>::AlreadyOffered);
		for who in [DOCTOR, 30] {
			assert_ok!(offer(ALICE, who));
		}
		assert_noop!(offer(ALICE, 31), Error::<Test>::TooManyOffers);
		// Another provider's offers are its own.
		assert_ok!(offer(BOB, 31));
	});
}

#[test]
fn an_offer_lapses_after_its_lifetime_and_lapsed_offers_take_no_room() {
	build_and_execute(|| {
		assert_ok!(offer(ALICE, NURSE));
		System::set_block_number(1 + OFFER_LIFETIME - 1);
		assert_ok!(offer(ALICE, DOCTOR));
		assert_ok!(offer(ALICE, 30));
		// The nurse's offer is the oldest: at its lifetime it can no longer be taken up.
		System::set_block_number(1 + OFFER_LIFETIME);
		assert_noop!(accept(NURSE, ALICE), Error::<Test>::OfferLapsed);
		// The list is full, but the lapsed offer makes room; the others still stand.
		assert_ok!(offer(ALICE, 31));
		assert!(!EmploymentOffers::<Test>::get(ALICE).iter().any(|(p, _)| *p == NURSE));
		assert_ok!(accept(DOCTOR, ALICE));
		// Offered again, the nurse may accept.
		assert_ok!(offer(ALICE, NURSE));
		assert_ok!(accept(NURSE, ALICE));
	});
}

#[test]
fn roster_is_bounded() {
	build_and_execute(|| {
		for who in [NURSE, DOCTOR, 30] {
			employ(ALICE, who);
		}
		assert_ok!(offer(ALICE, 31));
		assert_noop!(accept(31, ALICE), Error::<Test>::TooManyPractitioners);
	});
}

#[test]
fn a_provider_withdraws_only_its_own_open_offers() {
	build_and_execute(|| {
		assert_ok!(offer(ALICE, NURSE));
		assert_noop!(
			Providers::withdraw_employment_offer(RuntimeOrigin::signed(BOB), NURSE),
			Error::<Test>::NoOffer
		);
		assert_ok!(Providers::withdraw_employment_offer(RuntimeOrigin::signed(ALICE), NURSE));
		assert_last(Event::EmploymentOfferWithdrawn { provider: ALICE, practitioner: NURSE });
		assert!(!EmploymentOffers::<Test>::contains_key(ALICE));
		assert_noop!(accept(NURSE, ALICE), Error::<Test>::NoOffer);
		assert_noop!(
			Providers::withdraw_employment_offer(RuntimeOrigin::signed(ALICE), NURSE),
			Error::<Test>::NoOffer
		);
	});
}

#[test]
fn a_provider_that_leaves_the_registry_takes_its_offers_with_it() {
	build_and_execute(|| {
		admit(CLINIC);
		assert_ok!(offer(CLINIC, NURSE));
		assert_ok!(Providers::expel(RuntimeOrigin::root(), CLINIC));
		assert!(!EmploymentOffers::<Test>::contains_key(CLINIC));
		assert_noop!(accept(NURSE, CLINIC), Error::<Test>::NoOffer);
	});
}

#[test]
fn provider_removes_only_its_own_practitioners() {
	build_and_execute(|| {
		employ(ALICE, NURSE);
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
		employ(ALICE, NURSE);
		assert_ok!(Providers::leave_provider(RuntimeOrigin::signed(NURSE)));
		assert_last(Event::PractitionerRemoved { provider: ALICE, practitioner: NURSE });
		employ(BOB, NURSE);
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
