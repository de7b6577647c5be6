//! [`SkipPaymentIfFeeless`]: the payment extension, left out for the calls that are feeless.
//!
//! Patients and their representatives manage consent without fees while their allowance lasts
//! (the consent calls' `#[pallet::feeless_if]`, [`pallet_consent::Pallet::is_feeless`]). For
//! such a call this extension leaves the wrapped payment extension out, and it refunds the
//! weight the payment was charged before dispatch: a skipped payment reads and writes no
//! account, so its weight (`ChargeTransactionPayment`'s benchmark, about 94 µs) was never spent.
//! Upstream's `pallet-skip-feeless-payment` keeps that weight charged and deposits an event for
//! each skip; here the call's own events say what happened, and a full block holds more consent
//! calls (`docs/weights.md`, "Block capacity").
//!
//! From the outside it is the payment extension: the same identifier, the same data (the tip)
//! and the same metadata, so wallets sign as they would for `ChargeTransactionPayment`.

use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	dispatch::{CheckIfFeeless, DispatchResult},
	pallet_prelude::TransactionSource,
	weights::Weight,
};
use scale_info::{StaticTypeInfo, TypeInfo};
use sp_runtime::{
	traits::{
		DispatchInfoOf, DispatchOriginOf, Implication, PostDispatchInfoOf, TransactionExtension,
		TransactionExtensionMetadata, ValidateResult,
	},
	transaction_validity::{TransactionValidityError, ValidTransaction},
};

/// The payment extension `S`, skipped, with its weight refunded, when the call is feeless.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq)]
pub struct SkipPaymentIfFeeless<T, S>(pub S, PhantomData<T>);

impl<T, S> From<S> for SkipPaymentIfFeeless<T, S> {
	fn from(payment: S) -> Self {
		Self(payment, PhantomData)
	}
}

// Its type is the payment's, so that the metadata describes what wallets encode.
impl<T, S: StaticTypeInfo> TypeInfo for SkipPaymentIfFeeless<T, S> {
	type Identity = S;
	fn type_info() -> scale_info::Type {
		S::type_info()
	}
}

impl<T, S: core::fmt::Debug> core::fmt::Debug for SkipPaymentIfFeeless<T, S> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "SkipPaymentIfFeeless({:?})", self.0)
	}
}

/// What validation hands to `prepare`, and `prepare` to `post_dispatch`: the payment's own, or
/// for a feeless call the weight it was charged, to refund.
pub enum Payment<P> {
	/// The call pays: the payment extension's own value.
	Charged(P),
	/// The call is feeless: the payment's weight, unspent.
	Skipped(Weight),
}

impl<T, S> TransactionExtension<T::RuntimeCall> for SkipPaymentIfFeeless<T, S>
where
	T: frame_system::Config + Send + Sync,
	S: TransactionExtension<T::RuntimeCall>,
	T::RuntimeCall: CheckIfFeeless<Origin = frame_system::pallet_prelude::OriginFor<T>>,
{
	const IDENTIFIER: &'static str = S::IDENTIFIER;
	type Implicit = S::Implicit;
	type Val = Payment<S::Val>;
	type Pre = Payment<S::Pre>;

	fn metadata() -> alloc::vec::Vec<TransactionExtensionMetadata> {
		S::metadata()
	}

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	// Charged in full before dispatch, as the payment may be due; refunded when it was not.
	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		self.0.weight(call)
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		implicit: S::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		if call.is_feeless(&origin) {
			return Ok((
				ValidTransaction::default(),
				Payment::Skipped(self.0.weight(call)),
				origin,
			));
		}
		let (valid, val, origin) =
			self.0.validate(origin, call, info, len, implicit, inherited_implication, source)?;
		Ok((valid, Payment::Charged(val), origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		match val {
			Payment::Charged(val) => {
				self.0.prepare(val, origin, call, info, len).map(Payment::Charged)
			},
			Payment::Skipped(unspent) => Ok(Payment::Skipped(unspent)),
		}
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		match pre {
			Payment::Charged(pre) => S::post_dispatch_details(pre, info, post_info, len, result),
			Payment::Skipped(unspent) => Ok(unspent),
		}
	}
}
