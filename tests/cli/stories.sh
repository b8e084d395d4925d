#!/bin/sh
# Journals told through `runcare log`, dated back from today, for the
# tests of the therapist brief (t_brief.sh and the end-to-end suite):
#
#   four-weeks    knee pain easing over four weeks of runs, three massages
#   twelve-weeks  an Achilles runner over twelve weeks: weekly massages,
#                 an assessment that cleared them, and a last week that
#                 raises distance and hills together
#   assess-first  a shin with night pain reported two days ago
#
# usage: stories.sh RUNCARE DB STORY   (DB must not exist yet)
# Exits 0 when every entry was logged, 1 with the failing command.
set -u
[ $# = 3 ] || { echo "usage: stories.sh RUNCARE DB STORY" >&2; exit 2; }
RUNCARE=$1
export RUNCARE_DB="$2"
story=$3

ago() { date -d "today - $1 days" +%F; }

# log N ARGS...: runcare log ARGS on the day N days ago.
log() {
	n=$1
	kind=$2
	shift 2
	"$RUNCARE" log "$kind" --date "$(ago "$n")" "$@" >/dev/null ||
		{ echo "stories.sh: log $kind $* ($n days ago) failed" >&2; exit 1; }
}

# The seven warning signs answered no, with the run rules' questions.
DENIED="--denied pinpoint_bone_pain --denied night_pain
--denied swelling_heat_redness --denied nerve_symptoms --denied sudden_injury
--denied loss_of_function --denied stride_change --denied limp_after"

case $story in
four-weeks)
	for n in 27 25 22 20 18 15 13 11 8 6 4 1; do
		log "$n" run --km 6 --minutes 36 --climb 40
	done
	score=5
	for n in 27 24 21 18 15 12 9 6 3 0; do
		# shellcheck disable=SC2086
		log "$n" pain --area knee --rest 1 --run "$score" \
			--morning 1 --side left $DENIED
		[ $score -gt 1 ] && score=$((score - 1))
	done
	log 23 massage --type sports --region quadriceps --region it_band \
		--pressure 5 --flare-hours 12 --felt lighter_smoother
	log 14 massage --type sports --region quadriceps --region glutes \
		--pressure 6 --flare-hours 30 --felt no_change
	log 5 massage --type sports --region quadriceps --pressure 5 \
		--felt lighter_smoother
	;;
twelve-weeks)
	n=83
	while [ $n -ge 7 ]; do
		log "$n" run --km 8 --minutes 48 --climb 60
		n=$((n - 3))
	done
	for n in 6 4 2 1; do
		log "$n" run --km 12 --minutes 70 --climb 260
	done
	n=84
	k=0
	while [ $n -ge 0 ]; do
		# pain while running eases from 6 to 2, one step every 12 days
		score=$((6 - k / 4))
		[ $score -lt 2 ] && score=2
		# shellcheck disable=SC2086
		log "$n" pain --area achilles --rest 1 --run "$score" \
			--morning 2 $DENIED
		k=$((k + 1))
		n=$((n - 3))
	done
	n=80
	p=3
	while [ $n -ge 3 ]; do
		log "$n" massage --type sports --region calf --region soleus \
			--pressure "$p" --flare-hours 10 --felt lighter_smoother \
			--mark symptoms_checked --mark aftercare_given
		[ $p -lt 5 ] && p=$((p + 1))
		n=$((n - 7))
	done
	log 40 assessment --outcome cleared --by "Dr Rao, physio" \
		--note "mid-portion tendinopathy, load as tolerated"
	;;
assess-first)
	for n in 20 17 14 11 8 5 2; do
		log "$n" run --km 7 --minutes 40
	done
	for n in 20 16 12 8 4; do
		log "$n" pain --area shin --rest 2 --run 4 --morning 2 \
			--denied night_pain --denied focal_shin_pain
	done
	log 10 massage --type deep_tissue --region calf --pressure 7 \
		--flare-hours 48 --felt bruised_or_limping
	log 2 pain --area shin --rest 4 --run 6 --morning 3 \
		--symptom night_pain --denied nerve_symptoms \
		--denied sudden_injury --side right
	;;
*)
	echo "stories.sh: unknown story '$story'" >&2
	exit 2
	;;
esac
exit 0
