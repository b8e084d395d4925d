/*
 * svg.c - the body map and the pressure gauge (see svg.h).
 *
 * The body map is data: one row per region with the view it shows on, the
 * intake area it belongs to, its words and the outline of its shape on the
 * left leg. The right leg is the same outline mirrored about the centre
 * line, so each region is drawn from one path.
 */
#include "web/svg.h"

#include <math.h>
#include <string.h>

#include "web/html.h"

enum view { VIEW_FRONT, VIEW_BACK };

struct region_shape {
	enum view view;
	enum area area;
	const char *label;
	const char *d;		/* outline on the left leg, figure box 200x430 */
};

/* Indexed by enum region; the order of drawing is the order of the list,
 * so a small region drawn over a large one comes after it. */
static const struct region_shape shapes[REGION__COUNT] = {
	[REGION_CALF] = { VIEW_BACK, AREA_OTHER, "Calf, back of the lower leg",
		"M48 256L88 256L86 308L52 310Z" },
	[REGION_SOLEUS] = { VIEW_BACK, AREA_OTHER,
		"Deep calf (soleus), low on the back of the leg",
		"M54 312L84 312L80 342L58 342Z" },
	[REGION_FOOT_INTRINSICS] = { VIEW_BACK, AREA_HEEL,
		"Sole and arch of the foot", "M58 394L82 394L84 420L56 420Z" },
	[REGION_QUADRICEPS] = { VIEW_FRONT, AREA_OTHER, "Front of the thigh",
		"M50 106L82 104L82 224L54 226Z" },
	[REGION_HAMSTRINGS] = { VIEW_BACK, AREA_OTHER, "Back of the thigh",
		"M46 114L92 114L88 226L52 226Z" },
	[REGION_HIP_FLEXORS] = { VIEW_FRONT, AREA_HIP, "Front of the hip",
		"M56 72L96 72L96 100L60 104Z" },
	[REGION_ADDUCTORS] = { VIEW_FRONT, AREA_HIP, "Inner thigh and groin",
		"M85 104L96 102L94 196L86 196Z" },
	[REGION_GLUTES] = { VIEW_BACK, AREA_HIP, "Buttock",
		"M52 60L96 58L96 110L50 104Z" },
	[REGION_GLUTE_MED] = { VIEW_BACK, AREA_HIP, "Upper side of the hip",
		"M38 34L76 34L72 56L38 60Z" },
	[REGION_GLUTE_MIN] = { VIEW_BACK, AREA_HIP,
		"Side of the hip, deeper", "M36 64L50 62L50 92L37 92Z" },
	[REGION_DEEP_HIP_ROTATORS] = { VIEW_BACK, AREA_HIP,
		"Deep in the buttock", "M60 78L94 76L94 88L60 90Z" },
	[REGION_TIBIALIS_ANTERIOR] = { VIEW_FRONT, AREA_SHIN,
		"Muscle at the front of the shin",
		"M57 268L69 268L68 356L61 356Z" },
	[REGION_PERONEALS] = { VIEW_FRONT, AREA_SHIN,
		"Outer side of the lower leg", "M46 268L54 268L58 352L52 352Z" },
	[REGION_HEEL_INSERTION] = { VIEW_BACK, AREA_HEEL,
		"Back and base of the heel", "M61 372L79 372L79 388L61 388Z" },
	[REGION_IT_BAND] = { VIEW_FRONT, AREA_KNEE,
		"Outer thigh (IT band)", "M38 104L48 104L50 226L42 226Z" },
	[REGION_PATELLAR_TENDON] = { VIEW_FRONT, AREA_KNEE,
		"Just below the kneecap", "M60 232L82 232L80 262L62 262Z" },
	[REGION_SHIN_BONE_EDGE] = { VIEW_FRONT, AREA_SHIN,
		"Inner edge of the shin bone", "M72 268L80 268L78 358L72 358Z" },
	[REGION_ACHILLES_TENDON] = { VIEW_BACK, AREA_ACHILLES,
		"Achilles tendon, above the heel",
		"M64 344L76 344L75 370L65 370Z" },
};

/* Drawing order: large regions first so that small ones stay clickable. */
static const enum region draw_order[REGION__COUNT] = {
	REGION_HIP_FLEXORS, REGION_IT_BAND, REGION_QUADRICEPS,
	REGION_ADDUCTORS, REGION_PATELLAR_TENDON, REGION_PERONEALS,
	REGION_TIBIALIS_ANTERIOR, REGION_SHIN_BONE_EDGE, REGION_GLUTE_MED,
	REGION_GLUTE_MIN, REGION_GLUTES, REGION_DEEP_HIP_ROTATORS,
	REGION_HAMSTRINGS, REGION_CALF, REGION_SOLEUS, REGION_ACHILLES_TENDON,
	REGION_HEEL_INSERTION, REGION_FOOT_INTRINSICS,
};

static const char silhouette[] =
	"M40 30L100 30L100 70L97 100L94 230L88 262L80 366L86 404L52 404"
	"L56 366L44 262L40 230L36 100Z";

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

/* Written with strbuf_addstr: this runs 40 times a page, and printf's
 * machinery was a visible share of a check's cost. */
static void shape_pair(struct strbuf *sb, const char *d, const char *fill)
{
	for (int side = 0; side < 2; side++) {
		strbuf_addstr(sb, "<path d=\"");
		strbuf_addstr(sb, d);
		strbuf_addstr(sb, "\" fill=\"");
		strbuf_addstr(sb, fill);
		strbuf_addstr(sb, side ? "\" transform=\"matrix(-1 0 0 1 200 0)"
					 "\"/>" : "\"/>");
	}
}

/* One region of the picture: a group with its words as a tooltip. */
static void region_shape(struct strbuf *sb, enum region r, enum bodymap_mark m)
{
	const struct region_shape *s = &shapes[r];

	strbuf_addstr(sb, "<g class=\"bm-r");
	strbuf_addstr(sb, mark_class[m]);
	strbuf_addstr(sb, "\" data-region=\"");
	strbuf_addstr(sb, region_name(r));
	strbuf_addstr(sb, "\"><title>");
	html_text(sb, s->label);
	strbuf_addstr(sb, "</title>");
	shape_pair(sb, s->d, mark_fill[m]);
	strbuf_addstr(sb, "</g>");
}

static const char *const view_names[] = { "Front", "Back" };

/* The opening of a map's <svg> and the pattern of the leave-alone mark:
 * a picture labelled by title_id, or with title_id NULL one hidden from
 * assistive technology (the chooser's buttons carry the words). */
static void map_begin(struct strbuf *sb, const char *title_id)
{
	strbuf_addstr(sb, "<svg class=\"bodymap\" viewBox=\"0 0 420 440\" "
		"xmlns=\"http://www.w3.org/2000/svg\" ");
	if (title_id != NULL) {
		strbuf_addstr(sb, "role=\"img\" aria-labelledby=\"");
		html_attr(sb, title_id);
		strbuf_addstr(sb, "\"");
	} else {
		strbuf_addstr(sb, "aria-hidden=\"true\" focusable=\"false\"");
	}
	strbuf_addstr(sb, "><defs><pattern id=\"bm-avoid\" width=\"6\" "
		"height=\"6\" patternUnits=\"userSpaceOnUse\" "
		"patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
		"fill=\"#f6d5cf\"/><rect width=\"3\" height=\"6\" "
		"fill=\"#b3261e\"/></pattern></defs>");
}

/* One view's group: its name and the silhouette; the caller adds the
 * regions and closes the group. */
static void view_begin(struct strbuf *sb, int v)
{
	strbuf_addf(sb, "<g transform=\"translate(%d 0)\">"
		    "<text x=\"100\" y=\"18\" text-anchor=\"middle\" "
		    "class=\"bm-view\">%s</text>", v * 220, view_names[v]);
	strbuf_addstr(sb, "<g class=\"bm-body\" aria-hidden=\"true\">");
	shape_pair(sb, silhouette, "#eef2f4");
	strbuf_addstr(sb, "</g>");
}

void svg_bodymap(struct strbuf *sb, const enum bodymap_mark *marks,
		 const char *title_id)
{
	map_begin(sb, title_id);
	for (int v = VIEW_FRONT; v <= VIEW_BACK; v++) {
		view_begin(sb, v);
		for (size_t i = 0; i < REGION__COUNT; i++) {
			enum region r = draw_order[i];

			if (shapes[r].view == (enum view)v)
				region_shape(sb, r, marks[r]);
		}
		strbuf_addstr(sb, "</g>");
	}
	strbuf_addstr(sb, "</svg>");
}

/*
 * The chooser: the silhouettes as a picture, and over it one submit
 * button per region, each holding an <svg> of the same size with only
 * that region drawn. The stylesheet stacks them; a button takes clicks
 * only on its painted shape, so the map reads as one drawing.
 */
void svg_bodymap_picker(struct strbuf *sb, const enum bodymap_mark *marks,
			const char *field, const char *action,
			const char *title_id)
{
	strbuf_addstr(sb, "<div class=\"bm-pick\" role=\"group\" "
			  "aria-labelledby=\"");
	html_attr(sb, title_id);
	strbuf_addstr(sb, "\">");
	map_begin(sb, NULL);
	for (int v = VIEW_FRONT; v <= VIEW_BACK; v++) {
		view_begin(sb, v);
		strbuf_addstr(sb, "</g>");
	}
	strbuf_addstr(sb, "</svg>");
	for (size_t i = 0; i < REGION__COUNT; i++) {
		enum region r = draw_order[i];
		const struct region_shape *s = &shapes[r];

		strbuf_addstr(sb, "<button type=\"submit\" class=\"bm-r");
		strbuf_addstr(sb, mark_class[marks[r]]);
		strbuf_addstr(sb, "\" name=\"");
		html_attr(sb, field);
		strbuf_addstr(sb, "\" value=\"");
		strbuf_addstr(sb, region_name(r));
		strbuf_addstr(sb, "\" formaction=\"");
		html_attr(sb, action);
		strbuf_addstr(sb, "\" formnovalidate data-area=\"");
		strbuf_addstr(sb, area_name(s->area));
		strbuf_addstr(sb, "\" data-region=\"");
		strbuf_addstr(sb, region_name(r));
		strbuf_addstr(sb, "\" aria-label=\"");
		html_attr(sb, s->label);
		strbuf_addstr(sb, "\" title=\"");
		html_attr(sb, s->label);
		strbuf_addf(sb, "\"><svg viewBox=\"0 0 420 440\" "
			    "aria-hidden=\"true\" focusable=\"false\"><g "
			    "transform=\"translate(%d 0)\">",
			    s->view == VIEW_BACK ? 220 : 0);
		shape_pair(sb, s->d, mark_fill[marks[r]]);
		strbuf_addstr(sb, "</g></svg></button>");
	}
	strbuf_addstr(sb, "</div>");
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
