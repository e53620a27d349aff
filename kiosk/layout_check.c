/* layout_check.c — the frame checks behind `check-layout` and the screen
 * tests. */
#include "layout_check.h"

#include <string.h>

#include "text.h"

static bool rect_inside(draw_rect inner, draw_rect outer)
{
	return inner.x >= outer.x && inner.y >= outer.y &&
	       inner.x + inner.width <= outer.x + outer.width &&
	       inner.y + inner.height <= outer.y + outer.height;
}

static const char *kind_name(draw_kind kind)
{
	return kind == DRAW_TEXT ? "text" : "icon";
}

static status check_commands(const draw_list *list, const layout_metrics *metrics,
                             const draw_measurer *measurer, char *problem, size_t size)
{
	draw_rect window = {0, 0, metrics->width, metrics->height};
	bool clipping = false;
	for (size_t index = 0; index < draw_list_count(list); index++) {
		const draw_command *command = draw_list_at(list, index);
		if (command->kind == DRAW_CLIP) {
			clipping = command->box.width > 0 && command->box.height > 0;
			continue;
		}
		if (command->kind != DRAW_TEXT && command->kind != DRAW_ICON) {
			continue;
		}
		if (!clipping && !rect_inside(command->box, window)) {
			(void)text_format(problem, size,
			                  "%s \"%s\" at %d,%d %dx%d is outside the %dx%d window",
			                  kind_name(command->kind), command->text, command->box.x,
			                  command->box.y, command->box.width, command->box.height,
			                  metrics->width, metrics->height);
			return STATUS_INVALID;
		}
		if (command->kind == DRAW_TEXT) {
			int width =
			    measurer->text_width(measurer->context, command->font, command->size,
			                         command->text, strlen(command->text));
			int height =
			    measurer->line_height(measurer->context, command->font, command->size);
			if (width > command->box.width || height > command->box.height + 1) {
				(void)text_format(
				    problem, size,
				    "text \"%s\" (%dx%d at %d px) does not fit its box %dx%d",
				    command->text, width, height, command->size, command->box.width,
				    command->box.height);
				return STATUS_INVALID;
			}
		}
		double ratio = draw_contrast_ratio(command->color, command->background);
		if (ratio < LAYOUT_CHECK_MIN_CONTRAST) {
			(void)text_format(problem, size,
			                  "%s \"%s\" has contrast %.2f:1 (below 4.5:1)",
			                  kind_name(command->kind), command->text, ratio);
			return STATUS_INVALID;
		}
	}
	return STATUS_OK;
}

static status check_targets(const draw_list *list, const layout_metrics *metrics, char *problem,
                            size_t size)
{
	draw_rect window = {0, 0, metrics->width, metrics->height};
	size_t count = draw_list_target_count(list);
	for (size_t index = 0; index < count; index++) {
		const draw_target *target = draw_list_target_at(list, index);
		if (!rect_inside(target->box, window)) {
			(void)text_format(problem, size, "target \"%s\" lies outside the window",
			                  target->label);
			return STATUS_INVALID;
		}
		if (!target->clipped &&
		    (target->box.width < metrics->target || target->box.height < metrics->target)) {
			(void)text_format(
			    problem, size, "target \"%s\" is %dx%d, smaller than %d px (15 mm)",
			    target->label, target->box.width, target->box.height, metrics->target);
			return STATUS_INVALID;
		}
		for (size_t other = index + 1; other < count; other++) {
			const draw_target *second = draw_list_target_at(list, other);
			draw_rect overlap = draw_rect_intersect(target->box, second->box);
			if (overlap.width > 0 && overlap.height > 0 &&
			    !rect_inside(target->box, second->box) &&
			    !rect_inside(second->box, target->box)) {
				(void)text_format(problem, size,
				                  "targets \"%s\" and \"%s\" overlap",
				                  target->label, second->label);
				return STATUS_INVALID;
			}
		}
	}
	return STATUS_OK;
}

status layout_check_frame(const draw_list *list, const layout_metrics *metrics,
                          const draw_measurer *measurer, char *problem, size_t problem_size)
{
	if (problem_size > 0) {
		problem[0] = '\0';
	}
	status result = check_commands(list, metrics, measurer, problem, problem_size);
	if (result == STATUS_OK) {
		result = check_targets(list, metrics, problem, problem_size);
	}
	return result;
}
