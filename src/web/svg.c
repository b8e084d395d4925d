/*
 * svg.c - the body map and the pressure gauge (see svg.h).
 *
 * The body map is data: three views (front, back, the soles), and one
 * row per region with the view it shows on, the intake area it belongs
 * to, its words and the outline of its shape on one leg. The other leg is
 * the same outline mirrored about the centre line, so each region is
 * drawn from one path, and each leg knows which side of the person it is.
 */
#include "web/svg.h"

#include <math.h>
#include <string.h>

#include "web/html.h"

/*
 * The views. Each is drawn in its own box of 200 units across; a region's
 * outline is given on the leg drawn on the left, and the other leg is the
 * same outline mirrored about x = 100. Seen from the front, the leg on
 * the left of the picture is the person's right; from behind and on the
 * soles (the feet seen from below and behind, as when kneeling) it is
 * the person's left.
 */
enum view { VIEW_FRONT, VIEW_BACK, VIEW_SOLES, VIEW__COUNT };

static const struct view_def {
	const char *name;	/* shown above the view */
	int height;		/* of its box, in units */
	const char *outline;	/* the silhouette's left half */
	enum side drawn_left;	/* the person's side drawn on the left */
} views[VIEW__COUNT] = {
	[VIEW_FRONT] = { "Front", 410,
		"M100 24L38 24Q20 42 20 78L34 226Q30 244 35 262Q34 308 50 348"
		"L52 364Q42 376 44 390L82 390Q84 376 74 364L76 348Q90 306 86 262"
		"Q90 244 84 226L97 98Q99 94 100 94Z", SIDE_RIGHT },
	[VIEW_BACK] = { "Back", 410,
		"M100 24L38 24Q20 42 20 78L34 226Q30 244 35 262Q34 308 50 348"
		"L52 364Q44 374 46 390L80 390Q82 374 74 364L76 348Q90 306 86 262"
		"Q90 244 84 226L97 98Q99 94 100 94Z", SIDE_LEFT },
	[VIEW_SOLES] = { "Soles", 200,
		"M62 30Q88 30 90 62Q92 98 82 126Q86 166 62 176Q40 166 42 128"
		"Q34 98 34 62Q36 30 62 30Z", SIDE_LEFT },
};

struct region_shape {
	enum view view;
	enum area area;
	const char *label;
	const char *d;		/* outline on the leg drawn on the left */
};

/* Indexed by enum region. Every shape is at least 16 units across and 22
 * high, so on a 375 px phone, where a view fills the width, each target
 * is at least 24 CSS px either way. */
static const struct region_shape shapes[REGION__COUNT] = {
	[REGION_HIP_FLEXORS] = { VIEW_FRONT, AREA_HIP, "Front of the hip",
		"M50 30L98 30L97 90L56 86Z" },
	[REGION_IT_BAND] = { VIEW_FRONT, AREA_KNEE, "Outer thigh (IT band)",
		"M21 88L38 92L44 222L35 222Z" },
	[REGION_QUADRICEPS] = { VIEW_FRONT, AREA_OTHER, "Front of the thigh",
		"M40 92L74 98L70 222L46 222Z" },
	[REGION_ADDUCTORS] = { VIEW_FRONT, AREA_HIP, "Inner thigh and groin",
		"M76 98L96 100L88 200L72 200Z" },
	[REGION_PATELLAR_TENDON] = { VIEW_FRONT, AREA_KNEE,
		"Knee, at and just below the kneecap",
		"M38 228L84 228L82 260L40 260Z" },
	[REGION_PERONEALS] = { VIEW_FRONT, AREA_SHIN,
		"Outer side of the lower leg", "M36 266L50 266L58 344L50 344Z" },
	[REGION_TIBIALIS_ANTERIOR] = { VIEW_FRONT, AREA_SHIN,
		"Muscle at the front of the shin",
		"M52 266L68 266L66 344L60 344Z" },
	[REGION_SHIN_BONE_EDGE] = { VIEW_FRONT, AREA_SHIN,
		"Inner edge of the shin bone", "M70 266L86 266L76 344L68 344Z" },
	[REGION_GLUTE_MED] = { VIEW_BACK, AREA_HIP, "Upper side of the hip",
		"M30 28L72 28L66 50L24 58Z" },
	[REGION_GLUTE_MIN] = { VIEW_BACK, AREA_HIP,
		"Side of the hip, deeper", "M20 62L40 58L40 98L22 98Z" },
	[REGION_GLUTES] = { VIEW_BACK, AREA_HIP, "Buttock",
		"M42 54L98 36L98 106L44 104Z" },
	[REGION_DEEP_HIP_ROTATORS] = { VIEW_BACK, AREA_HIP,
		"Deep in the buttock", "M54 66L96 60L96 86L54 90Z" },
	[REGION_HAMSTRINGS] = { VIEW_BACK, AREA_OTHER, "Back of the thigh",
		"M26 110L95 110L86 222L36 222Z" },
	[REGION_CALF] = { VIEW_BACK, AREA_OTHER, "Calf, back of the lower leg",
		"M36 262L86 262L82 306L40 306Z" },
	[REGION_SOLEUS] = { VIEW_BACK, AREA_OTHER,
		"Deep calf (soleus), low on the back of the leg",
		"M42 308L80 308L74 336L48 336Z" },
	[REGION_ACHILLES_TENDON] = { VIEW_BACK, AREA_ACHILLES,
		"Achilles tendon, above the heel",
		"M54 338L72 338L72 362L54 362Z" },
	[REGION_FOOT_INTRINSICS] = { VIEW_SOLES, AREA_HEEL,
		"Sole and arch of the foot", "M40 50L88 50L82 124L44 124Z" },
	[REGION_HEEL_INSERTION] = { VIEW_SOLES, AREA_HEEL,
		"Underside of the heel", "M46 130L80 130L76 168L50 168Z" },
};

/* Drawing order: large regions first, so that small ones drawn over
 * them stay clickable. */
static const enum region draw_order[REGION__COUNT] = {
	REGION_HIP_FLEXORS, REGION_IT_BAND, REGION_QUADRICEPS,
	REGION_ADDUCTORS, REGION_PATELLAR_TENDON, REGION_PERONEALS,
	REGION_TIBIALIS_ANTERIOR, REGION_SHIN_BONE_EDGE, REGION_GLUTE_MED,
	REGION_GLUTE_MIN, REGION_GLUTES, REGION_DEEP_HIP_ROTATORS,
	REGION_HAMSTRINGS, REGION_CALF, REGION_SOLEUS, REGION_ACHILLES_TENDON,
	REGION_FOOT_INTRINSICS, REGION_HEEL_INSERTION,
};

/* Fill of each mark, also used by the legends. */
static const char *const mark_fill[] = {
	[MARK_NONE] = "#c9d3da",
	[MARK_TARGET] = "#1e7a3c",
	[MARK_AVOID] = "url(#bm-avoid)",
	[MARK_CHOSEN] = "#1b5e7a",
};
static const char *const mark_class[] = {
	[MARK_NONE] = "", [MARK_TARGET] = " bm-target",
	[MARK_AVOID] = " bm-avoid", [MARK_CHOSEN] = " bm-chosen",
};
static const char *const side_words[] = {
	[SIDE_LEFT] = "Left", [SIDE_RIGHT] = "Right",
};

const char *bodymap_region_label(enum region r)
{
	return (unsigned)r < REGION__COUNT ? shapes[r].label : "";
}

void bodymap_mark_result(enum bodymap_mark *marks, const struct result *r)
{
	for (size_t i = 0; i < r->n_targets; i++)
		if (r->targets[i]->has_region)
			marks[r->targets[i]->region] = MARK_TARGET;
	for (size_t i = 0; i < r->n_avoid; i++)
		if (r->avoid[i]->has_region)
			marks[r->avoid[i]->region] = MARK_AVOID;
}

enum area bodymap_region_area(enum region r)
{
	return (unsigned)r < REGION__COUNT ? shapes[r].area : AREA_OTHER;
}

/* The person's side of the leg drawn on the left (leg 0) or on the
 * right (leg 1) of view v. */
static enum side leg_side(enum view v, int leg)
{
	enum side s = views[v].drawn_left;

	return leg == 0 ? s : s == SIDE_LEFT ? SIDE_RIGHT : SIDE_LEFT;
}

/* One leg's outline, mirrored for leg 1. Written with strbuf_addstr: this
 * runs many times a page, and printf's machinery was a visible share of a
 * check's cost. */
static void leg_path(struct strbuf *sb, const char *d, const char *fill,
		     int leg)
{
	strbuf_addstr(sb, "<path d=\"");
	strbuf_addstr(sb, d);
	strbuf_addstr(sb, "\" fill=\"");
	strbuf_addstr(sb, fill);
	strbuf_addstr(sb, leg ? "\" transform=\"matrix(-1 0 0 1 200 0)\"/>"
			      : "\"/>");
}

/* Whether a mark shown for side applies to the leg of side leg_is. */
static bool mark_on(enum side side, enum side leg_is)
{
	return side != SIDE_LEFT && side != SIDE_RIGHT ? true : side == leg_is;
}

/* The pattern of the leave-alone mark, once per <svg>. */
static void avoid_pattern(struct strbuf *sb)
{
	strbuf_addstr(sb, "<defs><pattern id=\"bm-avoid\" width=\"6\" "
		"height=\"6\" patternUnits=\"userSpaceOnUse\" "
		"patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
		"fill=\"#f6d5cf\"/><rect width=\"3\" height=\"6\" "
		"fill=\"#b3261e\"/></pattern></defs>");
}

/* A view's name, its silhouette and the side under each leg. */
static void view_base(struct strbuf *sb, enum view v)
{
	const struct view_def *w = &views[v];

	strbuf_addf(sb, "<text x=\"100\" y=\"16\" text-anchor=\"middle\" "
		    "class=\"bm-view\">%s</text>", w->name);
	strbuf_addstr(sb, "<g class=\"bm-body\" aria-hidden=\"true\">");
	for (int leg = 0; leg < 2; leg++)
		leg_path(sb, w->outline, "#eef2f4", leg);
	strbuf_addstr(sb, "</g>");
	for (int leg = 0; leg < 2; leg++)
		strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			    "class=\"bm-side\">%s</text>", leg ? 138 : 62,
			    w->height - 6, side_words[leg_side(v, leg)]);
}

void svg_bodymap_side(struct strbuf *sb, const enum bodymap_mark *marks,
		      enum side side, const char *title_id)
{
	strbuf_addstr(sb, "<svg class=\"bodymap\" viewBox=\"0 0 640 410\" "
		"xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
		"aria-labelledby=\"");
	html_attr(sb, title_id);
	strbuf_addstr(sb, "\">");
	avoid_pattern(sb);
	for (int v = 0; v < VIEW__COUNT; v++) {
		strbuf_addf(sb, "<g transform=\"translate(%d 0)\">", v * 220);
		view_base(sb, (enum view)v);
		for (size_t i = 0; i < REGION__COUNT; i++) {
			enum region r = draw_order[i];
			const struct region_shape *s = &shapes[r];

			if (s->view != (enum view)v)
				continue;
			strbuf_addstr(sb, "<g class=\"bm-r");
			strbuf_addstr(sb, mark_class[marks[r]]);
			strbuf_addstr(sb, "\" data-region=\"");
			strbuf_addstr(sb, region_name(r));
			strbuf_addstr(sb, "\"><title>");
			html_text(sb, s->label);
			strbuf_addstr(sb, "</title>");
			for (int leg = 0; leg < 2; leg++)
				leg_path(sb, s->d,
					 mark_fill[mark_on(side, leg_side(
						 (enum view)v, leg))
						   ? marks[r] : MARK_NONE],
					 leg);
			strbuf_addstr(sb, "</g>");
		}
		strbuf_addstr(sb, "</g>");
	}
	strbuf_addstr(sb, "</svg>");
}

void svg_bodymap(struct strbuf *sb, const enum bodymap_mark *marks,
		 const char *title_id)
{
	svg_bodymap_side(sb, marks, SIDE__COUNT, title_id);
}

/* One chooser button: region r on leg (0, 1) of its view, or on both
 * legs when leg is -1. */
static void pick_button(struct strbuf *sb, enum region r, int leg,
			enum bodymap_mark m, const char *field,
			const char *action)
{
	const struct region_shape *s = &shapes[r];
	enum side side = leg >= 0 ? leg_side(s->view, leg) : SIDE__COUNT;

	strbuf_addstr(sb, "<button type=\"submit\" class=\"bm-r");
	strbuf_addstr(sb, mark_class[m]);
	strbuf_addstr(sb, "\" name=\"");
	html_attr(sb, field);
	strbuf_addstr(sb, "\" value=\"");
	strbuf_addstr(sb, region_name(r));
	if (leg >= 0) {
		strbuf_addch(sb, ':');
		strbuf_addstr(sb, side_name(side));
	}
	strbuf_addstr(sb, "\" formaction=\"");
	html_attr(sb, action);
	strbuf_addstr(sb, "\" formnovalidate data-area=\"");
	strbuf_addstr(sb, area_name(s->area));
	strbuf_addstr(sb, "\" data-region=\"");
	strbuf_addstr(sb, region_name(r));
	if (leg >= 0) {
		strbuf_addstr(sb, "\" data-side=\"");
		strbuf_addstr(sb, side_name(side));
	}
	strbuf_addstr(sb, "\" aria-label=\"");
	html_attr(sb, s->label);
	if (leg >= 0) {
		strbuf_addstr(sb, ", ");
		strbuf_addstr(sb, side == SIDE_LEFT ? "left" : "right");
		strbuf_addstr(sb, " leg");
	}
	strbuf_addf(sb, "\"><svg viewBox=\"0 0 200 %d\" aria-hidden=\"true\" "
		    "focusable=\"false\">", views[s->view].height);
	for (int l = 0; l < 2; l++)
		if (leg < 0 || leg == l)
			leg_path(sb, s->d, mark_fill[m], l);
	strbuf_addstr(sb, "</svg></button>");
}

/*
 * The chooser. Each view is a box: the silhouette as a picture, and over
 * it one submit button per region (and per leg with sides), each holding
 * an <svg> of the box's size with only its shape drawn. The stylesheet
 * stacks them; a button takes clicks only on its painted shape, so a view
 * reads as one drawing, and shows its words on hover and focus.
 */
static void picker(struct strbuf *sb, const enum bodymap_mark *marks,
		   bool sides, enum side chosen_side, const char *field,
		   const char *action, const char *title_id)
{
	strbuf_addstr(sb, "<div class=\"bm-pick\" role=\"group\" "
			  "aria-labelledby=\"");
	html_attr(sb, title_id);
	strbuf_addstr(sb, "\">");
	for (int v = 0; v < VIEW__COUNT; v++) {
		strbuf_addf(sb, "<div class=\"bm-box bm-box-%s\"><svg "
			    "class=\"bm-base\" viewBox=\"0 0 200 %d\" "
			    "aria-hidden=\"true\" focusable=\"false\">",
			    v == VIEW_SOLES ? "soles" : "leg", views[v].height);
		view_base(sb, (enum view)v);
		strbuf_addstr(sb, "</svg>");
		for (size_t i = 0; i < REGION__COUNT; i++) {
			enum region r = draw_order[i];

			if (shapes[r].view != (enum view)v)
				continue;
			if (!sides) {
				pick_button(sb, r, -1, marks[r], field, action);
				continue;
			}
			for (int leg = 0; leg < 2; leg++)
				pick_button(sb, r, leg,
					    mark_on(chosen_side,
						    leg_side((enum view)v, leg))
						    ? marks[r] : MARK_NONE,
					    field, action);
		}
		strbuf_addstr(sb, "</div>");
	}
	strbuf_addstr(sb, "</div>");
}

void svg_bodymap_picker(struct strbuf *sb, const enum bodymap_mark *marks,
			const char *field, const char *action,
			const char *title_id)
{
	picker(sb, marks, false, SIDE__COUNT, field, action, title_id);
}

void svg_bodymap_picker_sides(struct strbuf *sb,
			      const enum bodymap_mark *marks, enum side side,
			      const char *field, const char *action,
			      const char *title_id)
{
	picker(sb, marks, true, side, field, action, title_id);
}

void svg_gauge(struct strbuf *sb, int min, int max, const char *label)
{
	const int x0 = 20, w = 30;	/* one step of the scale */

	strbuf_addstr(sb, "<svg class=\"gauge\" viewBox=\"0 0 340 64\" "
		"xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
		"aria-label=\"");
	html_attr(sb, label);
	strbuf_addstr(sb, "\">");
	/* The scale: 8-10 is shaded as the range runcare never suggests. */
	strbuf_addf(sb, "<rect x=\"%d\" y=\"14\" width=\"%d\" height=\"20\" "
		    "fill=\"#e3e8eb\"/>", x0, 10 * w);
	strbuf_addf(sb, "<rect x=\"%d\" y=\"14\" width=\"%d\" height=\"20\" "
		    "fill=\"#c9c2c2\"/>", x0 + 7 * w, 3 * w);
	if (max >= min && min >= 0 && max <= 10)
		strbuf_addf(sb, "<rect x=\"%d\" y=\"10\" width=\"%d\" "
			    "height=\"28\" rx=\"4\" fill=\"#1b5e7a\"/>",
			    x0 + min * w, (max - min) * w > 0 ? (max - min) * w
							      : 4);
	for (int i = 0; i <= 10; i++)
		strbuf_addf(sb, "<line x1=\"%d\" y1=\"34\" x2=\"%d\" y2=\"40\" "
			    "stroke=\"#33434d\"/><text x=\"%d\" y=\"56\" "
			    "text-anchor=\"middle\" font-size=\"13\" "
			    "fill=\"#22313a\">%d</text>", x0 + i * w,
			    x0 + i * w, x0 + i * w, i);
	strbuf_addstr(sb, "</svg>");
}

/* Chart geometry: the plot area inside a box of 640 x 240 units unless
 * the chart asks for another size. A box of its own size is meant to be
 * printed small, so it keeps only the room the legend (above) and the
 * tick labels (below) need; the text stays 12 units high either way. */
#define CH_W 640
#define CH_H 240
#define CH_X0 44
#define CH_X1 (ch_width(c) - 10)
#define CH_Y0 (c->height > 0 ? 30 : 44)
#define CH_Y1 (ch_height(c) - (c->height > 0 ? 24 : 40))

static int ch_width(const struct svg_chart *c)
{
	return c->width > 0 ? c->width : CH_W;
}

static int ch_height(const struct svg_chart *c)
{
	return c->height > 0 ? c->height : CH_H;
}

static double ch_x(const struct svg_chart *c, size_t i)
{
	double step = (double)(CH_X1 - CH_X0) / (double)(c->n ? c->n : 1);

	return CH_X0 + step * ((double)i + 0.5);
}

static double ch_y(const struct svg_chart *c, double v)
{
	if (v > c->ymax)
		v = c->ymax;
	return CH_Y1 - (CH_Y1 - CH_Y0) * (v / c->ymax);
}

static void ch_axes(struct strbuf *sb, const struct svg_chart *c)
{
	for (int k = 0; k <= 4; k++) {
		double v = c->ymax * k / 4, y = ch_y(c, v);

		strbuf_addf(sb, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" "
			    "y2=\"%.1f\" stroke=\"#d5dde2\"/><text x=\"%d\" "
			    "y=\"%.1f\" text-anchor=\"end\" font-size=\"12\" "
			    "fill=\"#33434d\">%g</text>", CH_X0, CH_X1, y, y,
			    CH_X0 - 6, y + 4, round(v * 10) / 10);
	}
	for (size_t i = 0; i < c->n; i++)
		if (c->xlabel != NULL && c->xlabel[i] != NULL) {
			strbuf_addf(sb, "<text x=\"%.1f\" y=\"%d\" "
				    "text-anchor=\"middle\" font-size=\"12\" "
				    "fill=\"#33434d\">", ch_x(c, i), CH_Y1 + 18);
			html_text(sb, c->xlabel[i]);
			strbuf_addstr(sb, "</text>");
		}
}

/* One legend entry at x; returns the x of the next one. */
static int ch_legend(struct strbuf *sb, int x, const char *color,
		     const char *shape, const char *name)
{
	strbuf_addf(sb, "<g transform=\"translate(%d 14)\">", x);
	if (shape[0] == 'b')
		strbuf_addf(sb, "<rect width=\"14\" height=\"10\" "
			    "fill=\"%s\"/>", color);
	else if (shape[0] == 'l')
		strbuf_addf(sb, "<line x1=\"0\" x2=\"14\" y1=\"5\" y2=\"5\" "
			    "stroke=\"%s\" stroke-width=\"3\"/>", color);
	else if (shape[0] == 'f')
		strbuf_addf(sb, "<path d=\"M7 0L14 10L0 10Z\" fill=\"%s\"/>",
			    color);
	else
		strbuf_addf(sb, "<circle cx=\"7\" cy=\"5\" r=\"5\" "
			    "fill=\"%s\"/>", color);
	strbuf_addstr(sb, "<text x=\"19\" y=\"10\" font-size=\"12\" "
			  "fill=\"#22313a\">");
	html_text(sb, name);
	strbuf_addstr(sb, "</text></g>");
	return x + 30 + 7 * (int)strlen(name);
}

static void ch_series(struct strbuf *sb, const struct svg_chart *c,
		      const struct svg_series *s, size_t index)
{
	double step = (double)(CH_X1 - CH_X0) / (double)(c->n ? c->n : 1);
	size_t nbars = 0, slot = 0;
	bool pen = false;

	for (size_t k = 0; k < c->ns; k++) {
		if (c->series[k].kind != SVG_BARS)
			continue;
		if (k == index)
			slot = nbars;
		nbars++;
	}
	if (s->kind == SVG_LINE)
		strbuf_addf(sb, "<path fill=\"none\" stroke=\"%s\" "
			    "stroke-width=\"2.5\"%s%s%s d=\"", s->color,
			    s->dash ? " stroke-dasharray=\"" : "",
			    s->dash ? s->dash : "", s->dash ? "\"" : "");
	for (size_t i = 0; i < c->n; i++) {
		double v = s->v[i];

		if (isnan(v)) {
			pen = false;
			continue;
		}
		switch (s->kind) {
		case SVG_LINE:
			strbuf_addf(sb, "%c%.1f %.1f", pen ? 'L' : 'M',
				    ch_x(c, i), ch_y(c, v));
			pen = true;
			break;
		case SVG_BARS: {
			double w = step * 0.7 / (double)nbars;
			double x = ch_x(c, i) - step * 0.35 + w * (double)slot;

			strbuf_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" "
				    "width=\"%.1f\" height=\"%.1f\" "
				    "fill=\"%s\"/>", x, ch_y(c, v), w,
				    CH_Y1 - ch_y(c, v), s->color);
			break;
		}
		case SVG_POINTS:
			if (s->flag != NULL && s->flag[i])
				strbuf_addf(sb, "<path d=\"M%.1f %.1fl7 12h-14z\" "
					    "fill=\"#b3261e\"/>", ch_x(c, i),
					    ch_y(c, v) - 7);
			else
				strbuf_addf(sb, "<circle cx=\"%.1f\" "
					    "cy=\"%.1f\" r=\"5\" "
					    "fill=\"%s\"/>", ch_x(c, i),
					    ch_y(c, v), s->color);
			break;
		}
	}
	if (s->kind != SVG_LINE)
		return;
	strbuf_addstr(sb, "\"/>");
	/* A dot on each value, so that a lone day still shows. */
	for (size_t i = 0; i < c->n; i++)
		if (!isnan(s->v[i]))
			strbuf_addf(sb, "<circle cx=\"%.1f\" cy=\"%.1f\" "
				    "r=\"2.5\" fill=\"%s\"/>", ch_x(c, i),
				    ch_y(c, s->v[i]), s->color);
}

void svg_chart(struct strbuf *sb, const struct svg_chart *c)
{
	double step = (double)(CH_X1 - CH_X0) / (double)(c->n ? c->n : 1);
	int lx = CH_X0;

	strbuf_addf(sb, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" "
		    "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
		    "aria-label=\"", ch_width(c), ch_height(c));
	html_attr(sb, c->label);
	strbuf_addstr(sb, "\">");
	if (c->band_lo != NULL && c->band_hi != NULL) {
		for (size_t i = 0; i < c->n; i++) {
			double lo = c->band_lo[i], hi = c->band_hi[i];

			if (isnan(lo) || isnan(hi) || hi <= lo)
				continue;
			strbuf_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" "
				    "width=\"%.1f\" height=\"%.1f\" "
				    "fill=\"#dcefe2\"/>",
				    ch_x(c, i) - step / 2, ch_y(c, hi), step,
				    ch_y(c, lo) - ch_y(c, hi));
		}
		lx = ch_legend(sb, lx, "#dcefe2", "bar", c->band_name);
	}
	ch_axes(sb, c);
	for (size_t k = 0; k < c->ns; k++) {
		const struct svg_series *s = &c->series[k];

		ch_series(sb, c, s, k);
		lx = ch_legend(sb, lx, s->color, s->kind == SVG_BARS ? "bar"
				: s->kind == SVG_LINE ? "line" : "dot",
				s->name);
		if (s->flag != NULL && s->flag_name != NULL)
			lx = ch_legend(sb, lx, "#b3261e", "flag",
				       s->flag_name);
	}
	strbuf_addstr(sb, "</svg>");
}
