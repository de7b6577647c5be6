//! `medledger council`: motions of the provider council.

use crate::{
	output::Output,
	shared::{account, signer},
	CouncilCommand,
};
use medledger_client::{
	calls::{Closed, Proposed},
	types::parse_hash,
	Error, Keystore, MedLedger,
};
use serde_json::json;

pub async fn run(
	store: &Keystore,
	out: Output,
	chain: &MedLedger,
	command: CouncilCommand,
) -> Result<(), Error> {
	match command {
		CouncilCommand::Propose { signer: who, action, provider } => {
			let keys = signer(store, &who)?;
			let provider = account(store, &provider)?;
			let proposed =
				chain.propose_motion(&keys, action.call(provider), out.progress("motion")).await?;
			match proposed {
				Proposed::Open { motion, index, ayes, members } => out.record(
					&[
						("motion", format!("{motion:?}")),
						("index", index.to_string()),
						("needs", format!("{ayes} of {members} votes")),
						(
							"next",
							"members vote, the proposer too (`council vote`), then `council close`"
								.into(),
						),
					],
					&json!({ "motion": format!("{motion:?}"), "index": index, "threshold": ayes }),
				),
				Proposed::Carried(Ok(())) => out.line(
					"carried out at once (the council needed one vote)",
					&json!({ "passed": true }),
				),
				Proposed::Carried(Err(e)) => {
					return Err(Error::Refused(format!("the motion was carried but failed: {e}")))
				},
			}
			Ok(())
		},
		CouncilCommand::Vote { signer: who, motion, index, nay } => {
			let keys = signer(store, &who)?;
			chain.vote(&keys, parse_hash(&motion)?, index, !nay, out.progress("vote")).await?;
			out.line(
				&format!("voted {} on motion {index}", if nay { "nay" } else { "aye" }),
				&json!({ "aye": !nay }),
			);
			Ok(())
		},
		CouncilCommand::Close { signer: who, motion, index } => {
			let keys = signer(store, &who)?;
			let motion = parse_hash(&motion)?;
			match chain.close_motion(&keys, motion, index, out.progress("close")).await? {
				Closed::Carried => out.line(
					&format!("motion {index} passed and was carried out"),
					&json!({ "passed": true }),
				),
				Closed::Failed(e) => {
					return Err(Error::Refused(format!("the motion passed but failed: {e}")))
				},
				Closed::Rejected => out.line(
					&format!("motion {index} was closed without passing"),
					&json!({ "passed": false }),
				),
			}
			Ok(())
		},
		CouncilCommand::Release { signer: who, motion } => {
			let keys = signer(store, &who)?;
			chain
				.release_motion_deposit(&keys, parse_hash(&motion)?, out.progress("release"))
				.await?;
			out.line(
				&format!("the deposit of motion {motion} went back to its proposer"),
				&json!({ "motion": motion, "released": true }),
			);
			Ok(())
		},
		CouncilCommand::Motions => {
			let motions = chain.council_motions(chain.finalized_head().await?).await?;
			let mut rows = Vec::new();
			let mut values = Vec::new();
			for (hash, voting) in motions {
				rows.push(vec![
					format!("{hash:?}"),
					voting.index.to_string(),
					format!("{} of {}", voting.ayes.len(), voting.threshold),
					voting.nays.len().to_string(),
					format!("block {}", voting.end),
				]);
				values.push(json!({ "motion": format!("{hash:?}"), "index": voting.index, "ayes": voting.ayes.len(), "threshold": voting.threshold, "nays": voting.nays.len(), "end": voting.end }));
			}
			out.table(&["motion", "index", "ayes", "nays", "ends"], rows, &values);
			Ok(())
		},
	}
}
