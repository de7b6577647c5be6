//! Governance: the provider council and the provider registry.
//!
//! The council is a collective whose members are exactly the active providers: the registry
//! seats and unseats them, and nobody else can (`SetMembersOrigin` is never satisfied). A motion
//! carried by two thirds of the council is the runtime's highest authority: it admits,
//! suspends, reinstates and expels providers, and through `CouncilRoot` dispatches any call as
//! root (a runtime upgrade, say). There is no sudo key.

use alloc::vec::Vec;
use frame_support::{
	parameter_types,
	traits::{ChangeMembers, EitherOfDiverse, InitializeMembers, SortedMembers},
	weights::Weight,
};
use frame_system::{EnsureNever, EnsureRoot};
use sp_runtime::Perbill;

use crate::{
	AccountId, Balance, Balances, BlockNumber, Council, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeHoldReason, RuntimeOrigin, Session, DAYS, MILLI_UNIT, UNIT,
};

/// The council's instance of `pallet_collective`.
pub type CouncilCollective = pallet_collective::Instance1;

/// A motion carried by at least two thirds of the council.
pub type CouncilSupermajority =
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>;

/// A council supermajority, or root (which is itself reached only through one).
pub type TwoThirdsOfCouncil = EitherOfDiverse<EnsureRoot<AccountId>, CouncilSupermajority>;

parameter_types! {
	/// The most providers the registry, the council and the validator set hold.
	pub const MaxProviders: u32 = 100;
	pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
	pub const CouncilMaxProposals: u32 = 100;
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * super::RuntimeBlockWeights::get().max_block;
	/// Pays for the fixed part of a provider's record and roster (see the pallet docs).
	pub const ProviderDepositBase: Balance = 10 * UNIT;
	/// Pays for each byte of a provider's name and endpoint.
	pub const ProviderDepositPerByte: Balance = 10 * MILLI_UNIT;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = MaxProviders;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	// Membership follows the provider registry and nothing else.
	type SetMembersOrigin = EnsureNever<()>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = TwoThirdsOfCouncil;
	type KillOrigin = TwoThirdsOfCouncil;
	type Consideration = ();
}

/// The council as the provider registry sees it: told of every change of the active
/// providers, and read back by the registry's invariant checks.
pub struct CouncilMembership;

impl ChangeMembers<AccountId> for CouncilMembership {
	fn change_members_sorted(incoming: &[AccountId], outgoing: &[AccountId], new: &[AccountId]) {
		<Council as ChangeMembers<AccountId>>::change_members_sorted(incoming, outgoing, new)
	}
}

impl InitializeMembers<AccountId> for CouncilMembership {
	fn initialize_members(members: &[AccountId]) {
		<Council as InitializeMembers<AccountId>>::initialize_members(members)
	}
}

impl SortedMembers<AccountId> for CouncilMembership {
	fn sorted_members() -> Vec<AccountId> {
		pallet_collective::Members::<Runtime, CouncilCollective>::get()
	}
}

impl pallet_council_root::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type CouncilOrigin = CouncilSupermajority;
	type WeightInfo = pallet_council_root::weights::SubstrateWeight<Runtime>;
}

impl pallet_providers::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = TwoThirdsOfCouncil;
	type Council = CouncilMembership;
	type ValidatorRegistration = Session;
	type ProviderDepositBase = ProviderDepositBase;
	type ProviderDepositPerByte = ProviderDepositPerByte;
	type MaxProviders = MaxProviders;
	type MaxPractitioners = frame_support::traits::ConstU32<256>;
	type MaxNameLength = frame_support::traits::ConstU32<64>;
	type MaxEndpointLength = frame_support::traits::ConstU32<128>;
	type MaxPreviousKeys = frame_support::traits::ConstU32<8>;
	type WeightInfo = pallet_providers::weights::SubstrateWeight<Runtime>;
}
