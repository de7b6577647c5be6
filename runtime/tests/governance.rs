//! The provider council at work in the real runtime: a clinic applies, the council admits it by
//! motion, it sets session keys and validates after rotation; the council expels one and it
//! leaves the validator set after rotation. A motion costs its proposer a deposit, and no member
//! may keep more than a few motions open.

mod common;

use codec::Encode;
use common::{council_motion, local_testnet};
use frame_support::dispatch::GetDispatchInfo;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::DispatchResultWithPostInfo,
	traits::{fungible::InspectHold, Hooks},
};
use medledger_primitives::{EncryptionKey, ProviderRegistry, ProviderStatus};
use medledger_runtime::{
	configs::governance::{
		CouncilMotionDeposit, CouncilMotionDepositCurve, CouncilMotionHoldReason,
		MaxOpenMotionsPerProposer,
	},
	AccountId, Balance, Balances, Council, Providers, Runtime, RuntimeCall, RuntimeOrigin, Session,
	SessionKeys, System, MILLI_UNIT, SESSION_LENGTH, UNIT,
};
use pallet_collective::Instance1;
use sp_core::H256;
use sp_keyring::{
	Sr25519Keyring,
	Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve},
};
use sp_runtime::{
	traits::{Convert, Hash},
	TokenError,
};

/// Advance to block `n`, rotating sessions on the way as the chain would.
fn run_to_block(n: u32) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Session::on_initialize(next);
	}
}

/// Run through two full sessions: a set planned at one rotation is active at the next.
fn rotate_twice() {
	let now = System::block_number();
	run_to_block((now / SESSION_LENGTH + 2) * SESSION_LENGTH);
}

fn validators() -> Vec<AccountId> {
	pallet_session::Validators::<Runtime>::get()
}

fn aura_authorities() -> usize {
	pallet_aura::Authorities::<Runtime>::get().len()
}

fn set_session_keys(who: &AccountId) {
	let generated = SessionKeys::generate(&who.encode(), None);
	assert_ok!(Session::set_keys(
		RuntimeOrigin::signed(who.clone()),
		generated.keys,
		generated.proof.encode()
	));
}

#[test]
fn founding_providers_validate_and_sit_on_the_council() {
	local_testnet().execute_with(|| {
		let founders: Vec<AccountId> =
			[Alice, Bob, Charlie, Dave].iter().map(|k| k.to_account_id()).collect();
		let mut sorted = founders.clone();
		sorted.sort();
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(),
			sorted
		);
		assert_eq!(validators(), sorted);
		assert_eq!(aura_authorities(), 4);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 4);
		#[cfg(feature = "try-runtime")]
		Providers::do_try_state().expect("registry invariants");
	});
}

#[test]
fn council_admits_a_clinic_that_then_validates_after_rotation() {
	local_testnet().execute_with(|| {
		let eve = Eve.to_account_id();
		assert_ok!(Providers::apply(
			RuntimeOrigin::signed(eve.clone()),
			b"Eve Community Hospital".to_vec(),
			b"https://gateway.eve.example".to_vec(),
			EncryptionKey([5; 32]),
		));

		council_motion(RuntimeCall::Providers(pallet_providers::Call::admit {
			applicant: eve.clone(),
		}));
		assert_eq!(Providers::status(&eve), Some(ProviderStatus::Active));
		assert!(pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get()
			.contains(&eve));

		// Admitted but without session keys: not a validator.
		rotate_twice();
		assert!(!validators().contains(&eve));

		set_session_keys(&eve);
		rotate_twice();
		assert!(validators().contains(&eve));
		assert_eq!(validators().len(), 5);
		assert_eq!(aura_authorities(), 5);
		#[cfg(feature = "try-runtime")]
		Providers::do_try_state().expect("registry invariants");
	});
}

#[test]
fn council_expels_a_provider_that_then_stops_validating() {
	local_testnet().execute_with(|| {
		let dave = Dave.to_account_id();
		assert!(validators().contains(&dave));

		council_motion(RuntimeCall::Providers(pallet_providers::Call::expel {
			provider: dave.clone(),
		}));
		assert_eq!(Providers::status(&dave), None);
		assert!(!pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get()
			.contains(&dave));

		rotate_twice();
		assert!(!validators().contains(&dave));
		assert_eq!(validators().len(), 3);
		assert_eq!(aura_authorities(), 3);
		#[cfg(feature = "try-runtime")]
		Providers::do_try_state().expect("registry invariants");
	});
}

#[test]
fn a_motion_short_of_two_thirds_changes_nothing() {
	local_testnet().execute_with(|| {
		let dave = Dave.to_account_id();
		let call =
			RuntimeCall::Providers(pallet_providers::Call::suspend { provider: dave.clone() });
		let length = call.encoded_size() as u32;
		// A threshold of two is below two thirds of four: the motion passes the vote, but the
		// call's origin check refuses it.
		assert_ok!(Council::propose(
			RuntimeOrigin::signed(Alice.to_account_id()),
			2,
			Box::new(call.clone()),
			length
		));
		let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
		for voter in [Alice, Bob] {
			assert_ok!(Council::vote(RuntimeOrigin::signed(voter.to_account_id()), hash, 0, true));
		}
		let weight = call.get_dispatch_info().call_weight;
		assert_ok!(Council::close(
			RuntimeOrigin::signed(Bob.to_account_id()),
			hash,
			0,
			weight,
			length
		));
		assert_eq!(Providers::status(&dave), Some(ProviderStatus::Active));
	});
}

#[test]
fn no_single_provider_can_admit() {
	local_testnet().execute_with(|| {
		let eve = Eve.to_account_id();
		assert_ok!(Providers::apply(
			RuntimeOrigin::signed(eve.clone()),
			b"Eve Community Hospital".to_vec(),
			b"https://gateway.eve.example".to_vec(),
			EncryptionKey([5; 32]),
		));
		assert!(
			Providers::admit(RuntimeOrigin::signed(Alice.to_account_id()), eve.clone()).is_err()
		);
		assert_eq!(Providers::status(&eve), None);
	});
}

#[test]
fn a_two_thirds_motion_acts_as_root_through_council_root() {
	local_testnet().execute_with(|| {
		let root_only = RuntimeCall::System(frame_system::Call::set_heap_pages { pages: 100 });
		council_motion(RuntimeCall::CouncilRoot(pallet_council_root::Call::dispatch {
			call: Box::new(root_only),
		}));
		System::assert_has_event(
			pallet_council_root::Event::<Runtime>::Dispatched { result: Ok(()) }.into(),
		);
	});
}

#[test]
fn nobody_sets_council_members_but_the_registry() {
	local_testnet().execute_with(|| {
		let eve = Eve.to_account_id();
		let attempt = Council::set_members(RuntimeOrigin::root(), vec![eve.clone()], None, 4);
		assert!(attempt.is_err());
		assert!(!pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get()
			.contains(&eve));
	});
}

// Motion deposits and the cap per member (docs/security.md, item 15).

type CouncilError = pallet_collective::Error<Runtime, Instance1>;
type CouncilEvent = pallet_collective::Event<Runtime, Instance1>;

/// A motion that changes nothing, told apart from others by `tag`.
fn motion(tag: u8) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![tag] })
}

fn motion_hash(call: &RuntimeCall) -> H256 {
	<Runtime as frame_system::Config>::Hashing::hash_of(call)
}

/// `who` puts `call` to a vote of three of the four founders.
fn propose(who: Sr25519Keyring, call: &RuntimeCall) -> DispatchResultWithPostInfo {
	Council::propose(
		RuntimeOrigin::signed(who.to_account_id()),
		3,
		Box::new(call.clone()),
		call.encoded_size() as u32,
	)
}

/// Close the motion `call`, numbered `index`, once its votes decide it.
fn close(call: &RuntimeCall, index: u32) {
	assert_ok!(Council::close(
		RuntimeOrigin::signed(Bob.to_account_id()),
		motion_hash(call),
		index,
		call.get_dispatch_info().call_weight,
		call.encoded_size() as u32,
	));
}

/// The number the next motion will get.
fn next_index() -> u32 {
	pallet_collective::ProposalCount::<Runtime, Instance1>::get()
}

/// What `who` has on hold for council motions.
fn held_for_motions(who: Sr25519Keyring) -> Balance {
	<Balances as InspectHold<AccountId>>::balance_on_hold(
		&CouncilMotionHoldReason::get(),
		&who.to_account_id(),
	)
}

/// The deposit of a motion proposed while `open` motions are open.
fn deposit_for(open: u32) -> Balance {
	CouncilMotionDepositCurve::convert(open)
}

#[test]
fn a_motion_holds_a_deposit_from_its_proposer() {
	local_testnet().execute_with(|| {
		let alice = Alice.to_account_id();
		let free = Balances::free_balance(&alice);
		let call = motion(1);

		assert_ok!(propose(Alice, &call));

		assert_eq!(held_for_motions(Alice), UNIT);
		assert_eq!(Balances::free_balance(&alice), free - UNIT);
		let recorded = pallet_collective::CostOf::<Runtime, Instance1>::get(motion_hash(&call));
		assert_eq!(recorded.map(|(proposer, _)| proposer), Some(alice));
	});
}

#[test]
fn the_deposit_grows_by_half_with_each_motion_already_open() {
	local_testnet().execute_with(|| {
		assert_ok!(propose(Alice, &motion(1)));
		assert_ok!(propose(Bob, &motion(2)));
		assert_ok!(propose(Charlie, &motion(3)));

		assert_eq!(held_for_motions(Alice), UNIT);
		assert_eq!(held_for_motions(Bob), 3 * UNIT / 2);
		assert_eq!(held_for_motions(Charlie), 9 * UNIT / 4);
	});
}

#[test]
fn the_deposit_is_rounded_to_a_milli_unit_and_stops_at_a_hundred_units() {
	// 1.5^4 = 5.0625 and 1.5^11 = 86.497..., rounded down; 1.5^12 = 129.7... is over the ceiling.
	assert_eq!(deposit_for(4), 5_062 * MILLI_UNIT);
	assert_eq!(deposit_for(11), 86_497 * MILLI_UNIT);
	assert_eq!(deposit_for(12), 100 * UNIT);
	// The most motions open before a new one: the queue holds `CouncilMaxProposals` (100).
	assert_eq!(deposit_for(99), 100 * UNIT);
}

#[test]
fn a_member_at_the_cap_of_open_motions_is_refused_while_others_still_propose() {
	local_testnet().execute_with(|| {
		let cap = MaxOpenMotionsPerProposer::get();
		for tag in 0..cap {
			assert_ok!(propose(Alice, &motion(tag as u8)));
		}
		assert_eq!(CouncilMotionDeposit::open_motions_of(&Alice.to_account_id()), cap as usize);

		assert_noop!(propose(Alice, &motion(cap as u8)), CouncilError::TooManyProposals);

		assert_ok!(propose(Bob, &motion(cap as u8)));
		assert_eq!(held_for_motions(Bob), deposit_for(cap));
	});
}

#[test]
fn a_closed_motions_deposit_is_released_and_its_proposer_may_propose_again() {
	local_testnet().execute_with(|| {
		let cap = MaxOpenMotionsPerProposer::get();
		let first = next_index();
		let motions: Vec<RuntimeCall> = (0..cap).map(|tag| motion(tag as u8)).collect();
		for call in &motions {
			assert_ok!(propose(Alice, call));
		}
		let all_deposits: Balance = (0..cap).map(deposit_for).sum();
		assert_eq!(held_for_motions(Alice), all_deposits);

		// The first motion is carried, the second rejected.
		let (carried, rejected) = (&motions[0], &motions[1]);
		for voter in [Alice, Bob, Charlie] {
			assert_ok!(Council::vote(
				RuntimeOrigin::signed(voter.to_account_id()),
				motion_hash(carried),
				first,
				true
			));
		}
		close(carried, first);
		for voter in [Bob, Charlie] {
			assert_ok!(Council::vote(
				RuntimeOrigin::signed(voter.to_account_id()),
				motion_hash(rejected),
				first + 1,
				false
			));
		}
		close(rejected, first + 1);

		// Closing frees the places in the cap at once...
		assert_eq!(CouncilMotionDeposit::open_motions_of(&Alice.to_account_id()), cap as usize - 2);
		assert_ok!(propose(Alice, &motion(cap as u8)));

		// ...but the deposits stay held until someone releases them; an open motion's cannot be.
		let open_deposits = all_deposits + deposit_for(cap - 2);
		assert_eq!(held_for_motions(Alice), open_deposits);
		assert_noop!(
			Council::release_proposal_cost(
				RuntimeOrigin::signed(Bob.to_account_id()),
				motion_hash(&motions[2])
			),
			CouncilError::ProposalActive
		);

		// Anyone may release a closed motion's deposit, and it goes back to its proposer.
		for call in [carried, rejected] {
			assert_ok!(Council::release_proposal_cost(
				RuntimeOrigin::signed(Bob.to_account_id()),
				motion_hash(call)
			));
			System::assert_has_event(
				CouncilEvent::ProposalCostReleased {
					proposal_hash: motion_hash(call),
					who: Alice.to_account_id(),
				}
				.into(),
			);
		}
		assert_eq!(held_for_motions(Alice), open_deposits - deposit_for(0) - deposit_for(1));
		assert_eq!(held_for_motions(Bob), 0);
	});
}

#[test]
fn a_killed_motion_forfeits_its_deposit() {
	local_testnet().execute_with(|| {
		let alice = Alice.to_account_id();
		let call = motion(1);
		assert_ok!(propose(Alice, &call));
		let free = Balances::free_balance(&alice);
		let issuance = Balances::total_issuance();

		// Root stands for a two-thirds motion of the council here.
		assert_ok!(Council::kill(RuntimeOrigin::root(), motion_hash(&call)));

		assert_eq!(held_for_motions(Alice), 0);
		assert_eq!(Balances::free_balance(&alice), free);
		assert_eq!(Balances::total_issuance(), issuance - UNIT);
		System::assert_has_event(
			CouncilEvent::ProposalCostBurned { proposal_hash: motion_hash(&call), who: alice }
				.into(),
		);
	});
}

#[test]
fn a_member_without_funds_for_the_deposit_cannot_propose() {
	local_testnet().execute_with(|| {
		let dave = Dave.to_account_id();
		assert_ok!(Balances::force_set_balance(
			RuntimeOrigin::root(),
			dave.clone().into(),
			UNIT / 2
		));

		assert_noop!(propose(Dave, &motion(1)), TokenError::FundsUnavailable);

		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), dave.into(), 2 * UNIT));
		assert_ok!(propose(Dave, &motion(1)));
		assert_eq!(held_for_motions(Dave), UNIT);
	});
}

#[test]
fn a_motion_cannot_be_proposed_again_while_an_earlier_ones_deposit_is_held() {
	local_testnet().execute_with(|| {
		let call = motion(1);
		let index = next_index();
		assert_ok!(propose(Alice, &call));
		for voter in [Bob, Charlie] {
			assert_ok!(Council::vote(
				RuntimeOrigin::signed(voter.to_account_id()),
				motion_hash(&call),
				index,
				false
			));
		}
		close(&call, index);

		// Bob's deposit would take the place of Alice's, which nobody could then release.
		assert_noop!(propose(Bob, &call), CouncilError::DuplicateProposal);

		assert_ok!(Council::release_proposal_cost(
			RuntimeOrigin::signed(Bob.to_account_id()),
			motion_hash(&call)
		));
		assert_eq!(held_for_motions(Alice), 0);
		assert_ok!(propose(Bob, &call));
		assert_eq!(held_for_motions(Bob), UNIT);
	});
}
