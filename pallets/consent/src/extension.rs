//! [`CheckConsentCall`]: the transaction extension that makes the feeless allowance hold.
//!
//! Consent calls are feeless while the patient's allowance for the window lasts
//! ([`Pallet::is_feeless`]). Counting inside the call would not do: a call that fails rolls its
//! storage back, count included, so failing calls would stay free and unlimited. This extension
//! counts in `prepare`, before dispatch, where nothing rolls it back, and it turns away in
//! validation (so in the pool, before any block space is spent) the consent calls that would
//! surely fail: a signer who may not manage the patient's consent, a grant to the patient
//! themself or of no valid category, a revocation of a missing or revoked grant, an answer to a
//! missing inquiry. Blocking and unblocking a requester are consent calls like the others. A
//! patient's consent calls stand lower in the pool the more of the allowance the patient has
//! spent.
//!
//! It carries no data, so wallets and clients that do not know it sign as before.

use crate::{Call, Config, Grants, Inquiries, Pallet};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	pallet_prelude::TransactionSource, traits::IsSubType, weights::Weight, DefaultNoBound,
};
pub use medledger_primitives::InvalidConsentCall;
use medledger_primitives::PatientRegistry;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{DispatchInfoOf, DispatchOriginOf, Get, TransactionExtension, ValidateResult},
	transaction_validity::{TransactionValidityError, ValidTransaction},
};

/// Counts each consent call against its patient's feeless allowance where a failing call
/// cannot undo the count, and refuses in validation the consent calls that would surely fail.
#[derive(Encode, Decode, DecodeWithMemTracking, DefaultNoBound, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckConsentCall<T>(PhantomData<T>);

impl<T> CheckConsentCall<T> {
	/// The extension; it carries no data.
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T> core::fmt::Debug for CheckConsentCall<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckConsentCall")
	}
}

impl<T: Config> Pallet<T> {
	/// The patient whose allowance a consent call by `signer` counts against, or why the call
	/// would surely fail. `None` for calls that do not manage a patient's consent.
	pub fn consent_call_subject(
		signer: &T::AccountId,
		call: &Call<T>,
	) -> Result<Option<T::AccountId>, InvalidConsentCall> {
		let manages = |patient: &T::AccountId| {
			if T::Patients::may_manage_consent(signer, patient) {
				Ok(())
			} else {
				Err(InvalidConsentCall::NotAuthorized)
			}
		};
		let patient = match call {
			Call::grant { patient, grantee, categories, except, .. } => {
				manages(patient)?;
				if patient == grantee {
					return Err(InvalidConsentCall::SelfGrant);
				}
				if !categories.is_valid()
					|| !except.is_valid()
					|| categories.without(*except).is_empty()
				{
					return Err(InvalidConsentCall::InvalidCategories);
				}
				patient.clone()
			},
			Call::revoke { grant } | Call::flag_emergency_access { grant } => {
				let record = Grants::<T>::get(grant).ok_or(InvalidConsentCall::NoSuchGrant)?;
				manages(&record.patient)?;
				if matches!(call, Call::revoke { .. }) && record.revoked_at.is_some() {
					return Err(InvalidConsentCall::AlreadyRevoked);
				}
				record.patient
			},
			// Blocking is consent management too: counted, and a stranger's refused. A double
			// block or an unblock of no one fails in dispatch on the patient's own allowance
			// (only a signer who manages the patient gets that far), so it needs no code here.
			Call::revoke_all { patient, .. }
			| Call::block_requester { patient, .. }
			| Call::unblock_requester { patient, .. } => {
				manages(patient)?;
				patient.clone()
			},
			Call::answer_inquiry { inquiry, .. } => {
				let record =
					Inquiries::<T>::get(inquiry).ok_or(InvalidConsentCall::NoSuchInquiry)?;
				manages(&record.patient)?;
				record.patient
			},
			_ => return Ok(None),
		};
		Ok(Some(patient))
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckConsentCall<T>
where
	T::RuntimeCall: IsSubType<Call<T>>,
{
	const IDENTIFIER: &'static str = "CheckConsentCall";
	type Implicit = ();
	/// The patient whose allowance the call counts against.
	type Val = Option<T::AccountId>;
	type Pre = ();

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		// Validation reads the grant or inquiry and the signer's standing with the patient
		// (patient record, representation); `prepare` reads and writes the allowance.
		match call.is_sub_type() {
			Some(_) => T::DbWeight::get().reads_writes(4, 1),
			None => Weight::zero(),
		}
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let subject = match (frame_system::ensure_signed(origin.clone()), call.is_sub_type()) {
			(Ok(signer), Some(call)) => Pallet::<T>::consent_call_subject(&signer, call)?,
			_ => None,
		};
		// The more of its allowance a patient has spent, the lower its consent calls stand in
		// the pool: a patient who floods it yields to every patient who does not, and a full
		// pool drops the flood first.
		let priority = subject.as_ref().map_or(0, |patient| {
			let limit = T::MaxFeelessCallsPerWindow::get();
			limit.saturating_sub(Pallet::<T>::consent_calls_in_window(patient)).into()
		});
		Ok((ValidTransaction { priority, ..Default::default() }, subject, origin))
	}

	fn prepare(
		self,
		subject: Self::Val,
		_origin: &DispatchOriginOf<T::RuntimeCall>,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		if let Some(patient) = subject {
			Pallet::<T>::note_consent_call(&patient);
		}
		Ok(())
	}
}
