use super::*;
use crate::{ActiveProviders, Error, HoldReason, Providers as ProvidersMap};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, SortedMembers},
};
use medledger_primitives::{ProviderRegistry, ProviderStatus};
use sp_runtime::DispatchError;

fn council() -> Vec<AccountId> {
	TestCouncil::sorted_members()
}

#[test]
fn only_governance_origin_admits() {
	build_and_execute(|| {
		apply(CLINIC);
		assert_noop!(
			Providers::admit(RuntimeOrigin::signed(ALICE), CLINIC),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Providers::admit(RuntimeOrigin::signed(CLINIC), CLINIC),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn admitted_clinic_is_active_and_on_the_council() {
	build_and_execute(|| {
		admit(CLINIC);
		assert_eq!(Providers::status(&CLINIC), Some(ProviderStatus::Active));
		assert_eq!(ActiveProviders::<Test>::get().to_vec(), vec![ALICE, BOB, CLINIC]);
		assert_eq!(council(), vec![ALICE, BOB, CLINIC]);
		assert_last(Event::Admitted { provider: CLINIC });
	});
}

#[test]
fn admitting_a_non_applicant_is_refused() {
	build_and_execute(|| {
		assert_noop!(Providers::admit(RuntimeOrigin::root(), CLINIC), Error::<Test>::NotApplicant);
	});
}

#[test]
fn registry_is_bounded_by_max_providers() {
	build_and_execute(|| {
		admit(CLINIC);
		admit(OTHER_CLINIC);
		apply(NURSE);
		assert_noop!(
			Providers::admit(RuntimeOrigin::root(), NURSE),
			Error::<Test>::TooManyProviders
		);
	});
}

#[test]
fn suspended_provider_leaves_the_council_but_stays_registered() {
	build_and_execute(|| {
		admit(CLINIC);
		assert_ok!(Providers::suspend(RuntimeOrigin::root(), CLINIC));
		assert_eq!(Providers::status(&CLINIC), Some(ProviderStatus::Suspended));
		assert!(!Providers::is_active(&CLINIC));
		assert_eq!(council(), vec![ALICE, BOB]);
		assert_last(Event::Suspended { provider: CLINIC });
	});
}

#[test]
fn suspend_needs_governance_and_an_active_provider() {
	build_and_execute(|| {
		assert_noop!(
			Providers::suspend(RuntimeOrigin::signed(ALICE), BOB),
			DispatchError::BadOrigin
		);
		assert_noop!(Providers::suspend(RuntimeOrigin::root(), CLINIC), Error::<Test>::NotProvider);
		assert_ok!(Providers::suspend(RuntimeOrigin::root(), BOB));
		assert_noop!(Providers::suspend(RuntimeOrigin::root(), BOB), Error::<Test>::NotActive);
	});
}

#[test]
fn last_active_provider_cannot_be_suspended_expelled_or_retire() {
	build_and_execute(|| {
		assert_ok!(Providers::suspend(RuntimeOrigin::root(), BOB));
		assert_noop!(
			Providers::suspend(RuntimeOrigin::root(), ALICE),
			Error::<Test>::LastActiveProvider
		);
		assert_noop!(
			Providers::expel(RuntimeOrigin::root(), ALICE),
			Error::<Test>::LastActiveProvider
		);
		assert_noop!(
			Providers::retire(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::LastActiveProvider
		);
	});
}

#[test]
fn reinstated_provider_rejoins_the_council() {
	build_and_execute(|| {
		admit(CLINIC);
		assert_ok!(Providers::suspend(RuntimeOrigin::root(), CLINIC));
		assert_ok!(Providers::reinstate(RuntimeOrigin::root(), CLINIC));
		assert_eq!(Providers::status(&CLINIC), Some(ProviderStatus::Active));
		assert_eq!(council(), vec![ALICE, BOB, CLINIC]);
		assert_last(Event::Reinstated { provider: CLINIC });
	});
}

#[test]
fn reinstate_needs_governance_and_a_suspended_provider() {
	build_and_execute(|| {
		assert_noop!(Providers::reinstate(RuntimeOrigin::root(), BOB), Error::<Test>::NotSuspended);
		assert_noop!(
			Providers::reinstate(RuntimeOrigin::root(), CLINIC),
			Error::<Test>::NotProvider
		);
		assert_ok!(Providers::suspend(RuntimeOrigin::root(), BOB));
		assert_noop!(
			Providers::reinstate(RuntimeOrigin::signed(BOB), BOB),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn expelled_provider_loses_its_deposit_and_practitioners() {
	build_and_execute(|| {
		admit(CLINIC);
		employ(CLINIC, NURSE);
		let issuance = Balances::total_issuance();
		assert_ok!(Providers::expel(RuntimeOrigin::root(), CLINIC));
		assert_eq!(Providers::status(&CLINIC), None);
		assert_eq!(Providers::employer(&NURSE), None);
		assert_eq!(Balances::balance_on_hold(&HoldReason::ProviderDeposit.into(), &CLINIC), 0);
		assert_eq!(Balances::free_balance(CLINIC), ENDOWMENT - deposit());
		assert_eq!(Balances::total_issuance(), issuance - deposit());
		assert_eq!(council(), vec![ALICE, BOB]);
		assert_last(Event::Expelled { provider: CLINIC, slashed: deposit() });
	});
}

#[test]
fn expelling_a_suspended_provider_works() {
	build_and_execute(|| {
		admit(CLINIC);
		assert_ok!(Providers::suspend(RuntimeOrigin::root(), CLINIC));
		assert_ok!(Providers::expel(RuntimeOrigin::root(), CLINIC));
		assert!(!ProvidersMap::<Test>::contains_key(CLINIC));
	});
}

#[test]
fn expel_needs_governance_and_a_provider() {
	build_and_execute(|| {
		assert_noop!(Providers::expel(RuntimeOrigin::signed(ALICE), BOB), DispatchError::BadOrigin);
		assert_noop!(Providers::expel(RuntimeOrigin::root(), CLINIC), Error::<Test>::NotProvider);
	});
}

#[test]
fn retiring_provider_gets_its_deposit_back() {
	build_and_execute(|| {
		admit(CLINIC);
		assert_ok!(Providers::retire(RuntimeOrigin::signed(CLINIC)));
		assert_eq!(Balances::free_balance(CLINIC), ENDOWMENT);
		assert_eq!(council(), vec![ALICE, BOB]);
		assert_last(Event::Retired { provider: CLINIC });
	});
}

#[test]
fn retire_needs_a_provider() {
	build_and_execute(|| {
		assert_noop!(Providers::retire(RuntimeOrigin::signed(CLINIC)), Error::<Test>::NotProvider);
	});
}

#[test]
fn founding_providers_form_the_first_council() {
	build_and_execute(|| {
		assert_eq!(council(), vec![ALICE, BOB]);
		assert_eq!(ProvidersMap::<Test>::get(ALICE).map(|i| i.deposit), Some(0));
	});
}

#[test]
#[should_panic(expected = "MaxProviders must be positive")]
fn integrity_test_rejects_zero_max_providers() {
	use frame_support::traits::Hooks;
	new_test_ext().execute_with(|| {
		MaxProviders::set(0);
		<Providers as Hooks<u64>>::integrity_test();
	});
}
