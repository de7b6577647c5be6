//! The provider council at work in the real runtime: a clinic applies, the council admits it by
//! motion, it sets session keys and validates after rotation; the council expels one and it
//! leaves the validator set after rotation.

use codec::Encode;
use frame_support::{assert_ok, traits::Hooks};
use medledger_primitives::{EncryptionKey, ProviderRegistry, ProviderStatus};
use medledger_runtime::{
	genesis_config_presets, AccountId, BuildStorage, Council, Providers, Runtime, RuntimeCall,
	RuntimeGenesisConfig, RuntimeOrigin, Session, SessionKeys, System, SESSION_LENGTH,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve};
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use std::sync::Arc;

fn local_testnet() -> sp_io::TestExternalities {
	let preset = genesis_config_presets::local_config_genesis();
	let config: RuntimeGenesisConfig =
		serde_json::from_value(preset).expect("the local preset is a full genesis config");
	let mut ext: sp_io::TestExternalities =
		config.build_storage().expect("the local preset builds").into();
	ext.register_extension(KeystoreExt(Arc::new(MemoryKeystore::new())));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

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

/// Carry `call` through the council: proposed by Alice, ayes from Alice, Bob and Charlie (3 of
/// 4, above the two-thirds threshold), then closed.
fn council_motion(call: RuntimeCall) {
	let length = call.encoded_size() as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get();
	assert_ok!(Council::propose(
		RuntimeOrigin::signed(Alice.to_account_id()),
		3,
		Box::new(call.clone()),
		length
	));
	for voter in [Alice, Bob, Charlie] {
		assert_ok!(Council::vote(RuntimeOrigin::signed(voter.to_account_id()), hash, index, true));
	}
	let weight = call.get_dispatch_info().call_weight;
	assert_ok!(Council::close(
		RuntimeOrigin::signed(Alice.to_account_id()),
		hash,
		index,
		weight,
		length
	));
}

use frame_support::dispatch::GetDispatchInfo;
use sp_runtime::traits::Hash;

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
