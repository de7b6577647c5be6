//! Who may act for a patient: a manager of the patient's consent (the patient, or a
//! representative whose scope lets it manage consent), and what such a representative may not
//! give to itself.

use super::*;

impl<T: Config> Pallet<T> {
	/// `agent` may manage `patient`'s consent: it is the patient, or a representative whose
	/// scope lets it.
	pub(crate) fn ensure_manages(
		agent: &T::AccountId,
		patient: &T::AccountId,
	) -> Result<(), Error<T>> {
		ensure!(T::Patients::may_manage_consent(agent, patient), Error::<T>::NotAuthorized);
		Ok(())
	}

	/// A representative must not make itself a reader beyond its representation: no grant to
	/// itself, the clinic that employs it, or (if it is a clinic) its own staff.
	pub(crate) fn ensure_not_self_serving(
		agent: &T::AccountId,
		patient: &T::AccountId,
		grantee: &T::AccountId,
	) -> Result<(), Error<T>> {
		// Only the patient may give the agent itself access: even a viewing representative
		// needs no grant (it reads as a representative, while its representation lasts), and
		// a grant to itself would outlive the representation.
		if agent == patient {
			return Ok(());
		}
		let serves_agent = grantee == agent
			|| T::Providers::employer(agent).as_ref() == Some(grantee)
			|| T::Providers::employer(grantee).as_ref() == Some(agent);
		ensure!(!serves_agent, Error::<T>::SelfServing);
		Ok(())
	}
}
