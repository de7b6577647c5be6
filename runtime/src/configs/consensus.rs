//! Consensus: Aura authoring and GRANDPA finality, whose authorities the session hands over
//! from the provider registry at every rotation.

use frame_support::{parameter_types, traits::ConstU128};
use pallet_session::PeriodicSessions;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::traits::{ConvertInto, OpaqueKeys};

use crate::{
	AccountId, Balances, BlockNumber, Providers, Runtime, RuntimeEvent, SessionKeys, MILLI_UNIT,
	SESSION_LENGTH,
};

use super::governance::MaxProviders;

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = MaxProviders;
	type AllowMultipleBlocksPerSlot = frame_support::traits::ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxProviders;
	type MaxNominators = frame_support::traits::ConstU32<0>;
	type MaxSetIdSessionEntries = frame_support::traits::ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

parameter_types! {
	pub const SessionLength: BlockNumber = SESSION_LENGTH;
	pub const SessionOffset: BlockNumber = 0;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = PeriodicSessions<SessionLength, SessionOffset>;
	type NextSessionRotation = PeriodicSessions<SessionLength, SessionOffset>;
	// The provider registry decides who validates.
	type SessionManager = Providers;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	// Setting keys is a clinic's act; the deposit keeps strangers from filling the key tables.
	type KeyDeposit = ConstU128<{ 100 * MILLI_UNIT }>;
}
