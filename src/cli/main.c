/* main.c - placeholder until the CLI lands. */
#include <stdio.h>
int main(void)
{
	fputs("runcare: not built yet\n", stderr);
	return 70;
}
