-- Data step: an evaluation sent back to its owner was a 'draft'; it is now 'returned' when its latest workflow step is a return.
UPDATE `evaluations` SET `status` = 'returned'
WHERE `status` = 'draft'
  AND (SELECT `action` FROM `review_actions` WHERE `review_actions`.`evaluation_id` = `evaluations`.`id`
       ORDER BY `created_at` DESC, `id` DESC LIMIT 1) = 'return';
