/*
 * bare_expat.c - the reference floor for the GPX benchmark: one expat pass
 * over a GPX file on one thread, adding up great-circle distance and
 * positive altitude changes, nothing else (no checks, no moving time, no
 * hash, no journal). Not part of runcare.
 *
 *   bare_expat FILE [REPEAT]
 * prints: seconds MB/s metres climb  (best of REPEAT)
 */
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct pass {
	double lat, lon, plat, plon, ele, pele, dist, climb;
	int n, in_ele;
	char text[64];
	size_t len;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct pass *p = ud;

	if (strcmp(name, "trkpt") == 0) {
		for (int i = 0; atts[i]; i += 2) {
			if (strcmp(atts[i], "lat") == 0)
				p->lat = strtod(atts[i + 1], NULL);
			else if (strcmp(atts[i], "lon") == 0)
				p->lon = strtod(atts[i + 1], NULL);
		}
	} else if (strcmp(name, "ele") == 0) {
		p->in_ele = 1;
		p->len = 0;
	}
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct pass *p = ud;

	if (p->in_ele && p->len + (size_t)len < sizeof(p->text)) {
		memcpy(p->text + p->len, s, (size_t)len);
		p->len += (size_t)len;
	}
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct pass *p = ud;
	const double r = 6371008.8, rad = M_PI / 180;

	if (p->in_ele && strcmp(name, "ele") == 0) {
		p->text[p->len] = '\0';
		p->ele = strtod(p->text, NULL);
		p->in_ele = 0;
	} else if (strcmp(name, "trkpt") == 0) {
		if (p->n++ > 0) {
			double dlat = (p->lat - p->plat) * rad;
			double dlon = (p->lon - p->plon) * rad;
			double a = sin(dlat / 2) * sin(dlat / 2) +
				   cos(p->plat * rad) * cos(p->lat * rad) *
				   sin(dlon / 2) * sin(dlon / 2);
			p->dist += 2 * r * asin(sqrt(a));
			if (p->ele > p->pele)
				p->climb += p->ele - p->pele;
		}
		p->plat = p->lat, p->plon = p->lon, p->pele = p->ele;
	}
}

int main(int argc, char **argv)
{
	int repeat = argc > 2 ? atoi(argv[2]) : 5;
	double best = 1e30;
	struct pass p;
	FILE *f;
	char *buf;
	long size;

	if (argc < 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fputs("usage: bare_expat FILE [REPEAT]\n", stderr);
		return 64;
	}
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	buf = malloc(1 << 16);
	for (int i = 0; i < repeat; i++) {
		double t0 = now();
		XML_Parser x = XML_ParserCreate(NULL);
		size_t n;
		memset(&p, 0, sizeof(p));
		XML_SetUserData(x, &p);
		XML_SetElementHandler(x, on_start, on_end);
		XML_SetCharacterDataHandler(x, on_text);
		f = fopen(argv[1], "rb");
		while ((n = fread(buf, 1, 1 << 16, f)) > 0)
			if (XML_Parse(x, buf, (int)n, 0) != XML_STATUS_OK)
				break;
		XML_Parse(x, buf, 0, 1);
		fclose(f);
		XML_ParserFree(x);
		double t = now() - t0;
		if (t < best)
			best = t;
	}
	free(buf);
	printf("%.6f %.1f %.0f %.0f\n", best, (double)size / 1e6 / best, p.dist, p.climb);
	return 0;
}
