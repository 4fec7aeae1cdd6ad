# jamstat-theme.gp - the look shared by every jamstat chart.
#
# Each chart script loads this file after 'set terminal' and 'set output'
# (a new terminal turns enhanced text back on, so this file turns it off).
# jamstat writes a copy beside the charts; edit plots/jamstat-theme.gp in
# the source tree and the copy in src/plot/chart_theme.c together (a unit
# test checks that they are the same).
#
# Colours: women vermilion, men dark navy (both >= 3:1 on white and against
# each other, apart under colour-blindness simulation); a chart script may
# set c_women, c_men or c_highlight before loading this file.

set encoding utf8
set termoption noenhanced

if (!exists('c_women')) c_women = '#D55E00'
if (!exists('c_men')) c_men = '#1B3670'
if (!exists('c_highlight')) c_highlight = '#009E73'
if (!exists('c_women_tint')) c_women_tint = '#F2BB99'
if (!exists('c_men_tint')) c_men_tint = '#A3AFC9'
c_text = '#222222'
c_grey = '#767676'
c_grid = '#D9D9D9'
c_neutral = '#BDBDBD'
c_band = '#EBEBEB'

# Data files: tab-separated, C-locale numbers, '..' for missing.  Scripts
# read numbers as ($3), never 3: gnuplot then treats '..' as undefined and
# breaks the line there (set datafile missing would join across the gap).
set datafile separator tab
set datafile commentschars '#'

# Left and bottom axes only, outward tics, light grid behind the data.
set border 3 back lw 1 lc rgb '#555555'
set tics out nomirror scale 0.5 textcolor rgb c_text
set xtics nomirror
set ytics nomirror
set mxtics 1
set mytics 1
set grid noxtics ytics back lt 1 lw 1 lc rgb c_grid dt solid
set key noautotitle nobox noopaque samplen 2.5 spacing 1.15 textcolor rgb c_text
set style fill solid 1.0 noborder
set style textbox opaque noborder margins 1,1
set clip two
set offsets 0, 0, 0, 0

# Line styles: 1 women (circle), 2 men (square), 3 highlight, 4/5 tints of
# women/men, 6 reference and target lines, 7 comparison outline, 8 neutral,
# 9 scatter points, 10 parity and band edges.
set style line 1 lc rgb c_women lw 2.5 dt solid pt 7 ps 1.1
set style line 2 lc rgb c_men lw 2.5 dt solid pt 5 ps 1.0
set style line 3 lc rgb c_highlight lw 2.5 dt solid pt 9 ps 1.3
set style line 4 lc rgb c_women_tint lw 2.0 dt 2 pt 6 ps 1.0
set style line 5 lc rgb c_men_tint lw 2.0 dt 2 pt 4 ps 0.9
set style line 6 lc rgb '#333333' lw 1.2 dt solid
set style line 7 lc rgb '#000000' lw 1.5 dt solid
set style line 8 lc rgb c_neutral lw 2.5 dt solid pt 13 ps 1.1
set style line 9 lc rgb '#555555' lw 1 dt solid pt 7 ps 1.0
set style line 10 lc rgb c_grey lw 1.2 dt 2
