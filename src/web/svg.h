/*
 * svg.h - inline SVG pictures for runcare's pages: the body map and the
 * pressure gauge (charts come later in the same file).
 *
 * Each function appends one <svg> element to a caller-owned strbuf. All
 * text inside goes through the escapers of html.h; colours are written as
 * presentation attributes, so a picture still reads correctly in the
 * self-contained brief and with the stylesheet missing.
 */
#ifndef RUNCARE_WEB_SVG_H
#define RUNCARE_WEB_SVG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/strbuf.h"
#include "engine/engine.h"

enum bodymap_mark {
	MARK_NONE,
	MARK_TARGET,	/* massage here */
	MARK_AVOID,	/* leave alone */
	MARK_CHOSEN,	/* where the person said it hurts */
};

/*
 * The body map: the front and the back of the lower body and the soles,
 * one shape per leg for each region of REGION_LIST, marked as
 * marks[region] says; title_id names the element that labels the
 * picture. svg_bodymap_side shows the marks on the leg of side only
 * (SIDE_LEFT or SIDE_RIGHT; anything else marks both legs).
 */
void svg_bodymap(struct strbuf *sb, const enum bodymap_mark *marks,
		 const char *title_id);
void svg_bodymap_side(struct strbuf *sb, const enum bodymap_mark *marks,
		      enum side side, const char *title_id);

/*
 * The same map as a chooser inside a form, a group labelled by title_id:
 * each region is a submit button of the enclosing form, named field with
 * the region's id as its value, posting to action with every answer of
 * the form (formnovalidate: the form is not finished yet). It works
 * without JavaScript and from the keyboard; data-area and data-region let
 * a script choose in place instead. With sides, each leg is its own
 * button, valued "REGION:left" or "REGION:right" (data-side too), and the
 * marks show on the leg of side only.
 */
void svg_bodymap_picker(struct strbuf *sb, const enum bodymap_mark *marks,
			const char *field, const char *action,
			const char *title_id);
void svg_bodymap_picker_sides(struct strbuf *sb,
			      const enum bodymap_mark *marks, enum side side,
			      const char *field, const char *action,
			      const char *title_id);

/* Mark on marks[] (REGION__COUNT entries, caller-owned) the regions r
 * says to massage (MARK_TARGET) and then those to leave alone
 * (MARK_AVOID, which win); other entries are left as they are. */
void bodymap_mark_result(enum bodymap_mark *marks, const struct result *r);

/* Plain words for a region ("Back of the thigh"). Static. */
const char *bodymap_region_label(enum region r);

/* The intake area a region belongs to (calf -> other, it_band -> knee). */
enum area bodymap_region_area(enum region r);

/* A 0-10 gauge with the band min..max marked; label is its text. */
void svg_gauge(struct strbuf *sb, int min, int max, const char *label);

/* ---- Charts ---- */

enum svg_kind {
	SVG_LINE,	/* a line through the values, broken where NAN */
	SVG_BARS,	/* one bar per value (NAN: none) */
	SVG_POINTS,	/* a dot per value; flag[i] draws a marked dot */
};

/* One series; v (and flag) have the chart's n values, borrowed. */
struct svg_series {
	enum svg_kind kind;
	const char *name;	/* legend text */
	const char *color;
	const char *dash;	/* stroke-dasharray for lines, or NULL */
	const double *v;
	const bool *flag;	/* points only: marked values, or NULL */
	const char *flag_name;	/* legend text of a marked point */
};

/*
 * A chart of n columns. xlabel[i] may be NULL (no tick label). With band_lo
 * and band_hi, a shaded band is drawn behind column i from band_lo[i] to
 * band_hi[i] (NAN: no band there), named band_name in the legend. The
 * picture has role img and the label as its name; pages put the numbers
 * in a table next to it as the text equivalent. Text is 12 units high
 * whatever the size: a narrow box drawn at a given width prints larger
 * text than a wide one.
 */
struct svg_chart {
	const char *label;
	size_t n;
	const char *const *xlabel;
	double ymax;
	const double *band_lo, *band_hi;
	const char *band_name;
	const struct svg_series *series;
	size_t ns;
	int width, height;	/* of the viewBox; 0: 640 x 240 */
};
void svg_chart(struct strbuf *sb, const struct svg_chart *c);

#endif
